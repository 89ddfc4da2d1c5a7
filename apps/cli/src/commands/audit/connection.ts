import type { Pool } from 'pg';
import { AGGREGATE_CATEGORIES } from '@koproduktiv/domain';
import {
  AuditReader,
  auditReaderFor,
  createEventStore,
  EventStore,
  eventStoreLocation,
} from '@koproduktiv/event-store';
import { redactUrl } from '@koproduktiv/config';
import { createPool, RunningPostgres, startEmbeddedPostgres } from '@koproduktiv/platform';
import { cliConfig } from '../../config';
import { CliError } from '../../cli-error';
import { embeddedPostgresUnavailable, embeddedStartNotice } from '../../embedded-postgres';

export interface AuditConnection {
  readonly reader: AuditReader;
  /** The PostgreSQL of the events and the key table; undefined when the events live in KurrentDB. */
  readonly pool: Pool | undefined;
  /** Where the store is, for messages (no password). */
  readonly where: string;
  close(): Promise<void>;
}

interface OpenedPostgres {
  readonly pool: Pool;
  readonly embedded: RunningPostgres | undefined;
  readonly where: string;
}

/**
 * The event store the CLI reads, as configured (EVENT_STORE, KURRENTDB_URL, DATABASE_URL). When the
 * events live in PostgreSQL: DATABASE_URL, else the embedded cluster of DATA_DIR (started here and
 * stopped by close(), or the one a running service holds, left running). Read-only: no migration runs.
 */
export async function openAuditStore(): Promise<AuditConnection> {
  const config = cliConfig().app;
  let postgres: OpenedPostgres | undefined;
  let store: EventStore | undefined;
  const close = async () => {
    await store?.close().catch(() => undefined);
    await postgres?.pool.end().catch(() => undefined);
    await postgres?.embedded?.stop().catch(() => undefined);
  };
  const openPostgres = async (): Promise<Pool> => {
    let embedded: RunningPostgres | undefined;
    if (config.usesEmbeddedPostgres) {
      try {
        embedded = await startEmbeddedPostgres({
          dataDir: config.dataDir,
          whenInUse: 'attach',
          notice: embeddedStartNotice,
        });
      } catch (error) {
        throw embeddedPostgresUnavailable(error);
      }
    }
    const url = config.DATABASE_URL ?? (embedded as RunningPostgres).url;
    const pool = createPool({ connectionString: url, max: 4, applicationName: 'koproduktiv-cli' });
    postgres = { pool, embedded, where: embedded ? `embedded PostgreSQL in ${config.dataDir}` : redactUrl(url) };
    const { rows } = await pool.query<{ exists: boolean }>(`SELECT to_regclass('kp_events') IS NOT NULL AS exists`);
    if (!rows[0].exists) throw new CliError('This database holds no Koproduktiv event store (no kp_events table)', 1);
    return pool;
  };
  try {
    store = await createEventStore(config.eventStore, openPostgres, { categories: AGGREGATE_CATEGORIES });
    await store.streamVersion('koproduktiv', 'health-ready'); // the store answers (a read; nothing is written)
  } catch (error) {
    await close();
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot reach the event store: ${(error as Error).message}`, 1);
  }
  const where = eventStoreLocation(config.eventStore, () => postgres?.where ?? 'PostgreSQL');
  return { reader: auditReaderFor(store), pool: postgres?.pool, where, close };
}

/** Runs `work` on an open store and always closes it (stopping an embedded server). */
export async function withAuditStore<T>(work: (connection: AuditConnection) => Promise<T>): Promise<T> {
  const connection = await openAuditStore();
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
