import type { Pool } from 'pg';
import { CASE_REFERENCES } from '@koproduktiv/domain';
import { migrate } from '@koproduktiv/event-store';
import { migratePersonalData } from '@koproduktiv/personal-data';
import type { AppConfig } from '@koproduktiv/config';
import { createPool, RunningPostgres, startEmbeddedPostgres } from '@koproduktiv/platform';
import { cliConfig } from '../../config';
import { embeddedPostgresUnavailable, embeddedStartNotice } from '../../embedded-postgres';

/**
 * The database the data-protection commands work on: DATABASE_URL, else the embedded cluster of
 * DATA_DIR (started here, stopped after). The schemas are brought up to date first.
 */
export async function withDatabase<T>(work: (pool: Pool, config: AppConfig) => Promise<T>): Promise<T> {
  const config = cliConfig().app;
  let embedded: RunningPostgres | undefined;
  if (config.usesEmbeddedPostgres) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, notice: embeddedStartNotice });
    } catch (error) {
      throw embeddedPostgresUnavailable(error);
    }
  }
  const pool = createPool({
    connectionString: config.DATABASE_URL ?? (embedded as RunningPostgres).url,
    max: 4,
    applicationName: 'koproduktiv-cli',
  });
  try {
    await migrate(pool, { referenceFields: [CASE_REFERENCES.field] });
    await migratePersonalData(pool);
    return await work(pool, config);
  } finally {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  }
}
