import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { CASE_REFERENCES } from '@koproduktiv/domain';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { createPool, ensureIdempotencyTable } from '@koproduktiv/platform';

function adminUrl(): string {
  const url = process.env.KP_TEST_PG_URL;
  if (!url) throw new Error('No test PostgreSQL: jest globalSetup (test/support/global-setup.ts) did not run');
  return url;
}

export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

/** A fresh database of its own for one test file, on the run's PostgreSQL server. */
export async function createTestDatabase(prefix = 'kp_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const pool = createPool({ connectionString: url.toString(), max: 60, onError: () => undefined });
  return {
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database of its own with the event store's schema, and the PostgreSQL event store over it. */
export async function createTestEventStore(prefix?: string): Promise<{ db: TestDatabase; store: PostgresEventStore }> {
  const db = await createTestDatabase(prefix);
  await migrate(db.pool, { referenceFields: [CASE_REFERENCES.field] });
  await ensureIdempotencyTable(db.pool);
  return { db, store: new PostgresEventStore(db.pool) };
}
