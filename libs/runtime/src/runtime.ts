import type { Pool } from 'pg';
import { AGGREGATE_CATEGORIES, CASE_REFERENCES } from '@koproduktiv/domain';
import { createEventStore, EventStore, EventStoreSelection, migrate } from '@koproduktiv/event-store';
import { openPersonalData, PersonalData } from '@koproduktiv/personal-data';
import {
  createPool,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureIdempotencyTable,
  IdempotencyStore,
  loadOrCreateJwtSecret,
  Logger,
  PostgresIdempotencyStore,
  RunningPostgres,
  ShutdownStep,
  startEmbeddedPostgres,
  TokenVerifier,
} from '@koproduktiv/platform';

/** Everything the API needs from the outside world, wired once per process. */
export interface Runtime {
  readonly store: EventStore;
  readonly idempotency: IdempotencyStore;
  /** The codec that seals and opens personal data, and the data keys behind it. */
  readonly personalData: PersonalData;
  readonly verifier: TokenVerifier;
  /** The embedded default's HS256 secret; absent when tokens come from an identity provider. */
  readonly devSecret?: Uint8Array;
  readonly pool: Pool;
  readonly databaseUrl: string;
  readonly embedded: boolean;
  /** Resolves when the store answers; rejects otherwise. */
  ready(): Promise<void>;
  /** What close() does, one named step after the other, for a stop that says which step it waits for. */
  readonly closeSteps: readonly ShutdownStep[];
  close(): Promise<void>;
}

/** Where a process's data lives and whom it trusts; an app's configuration makes it from its environment. */
export interface RuntimeSettings {
  /** Resolved; holds the embedded PostgreSQL, the generated key-encryption key and the development token secret. */
  readonly dataDir: string;
  /** PostgreSQL; the embedded cluster in dataDir without it. */
  readonly databaseUrl?: string;
  readonly databasePoolSize: number;
  readonly eventStore: EventStoreSelection;
  /** The key-encryption key of personal data; the one generated into dataDir without it. */
  readonly keyEncryptionKeyFile?: string;
  /** An identity provider's tokens; without it, HS256 tokens of the secret in dataDir (the embedded default). */
  readonly jwt?: { readonly jwksUrl: string; readonly issuer?: string; readonly audience?: string };
}

export interface RuntimeOptions {
  /**
   * When a live process runs the embedded PostgreSQL of the data directory already: use it (the CLI
   * beside a running service) or refuse to start (a second service on the same directory).
   */
  readonly whenEmbeddedInUse?: 'attach' | 'refuse';
  /** False for processes that never seal or open personal data (projector, projections CLI): they get no key. */
  readonly needsKeyEncryptionKey?: boolean;
}

export async function createRuntime(
  config: RuntimeSettings,
  logger: Logger,
  { whenEmbeddedInUse = 'refuse', needsKeyEncryptionKey = true }: RuntimeOptions = {},
): Promise<Runtime> {
  let embedded: RunningPostgres | undefined;
  if (!config.databaseUrl) {
    logger.info({ dataDir: config.dataDir }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      whenInUse: whenEmbeddedInUse,
      log: (message) => logger.debug({ postgres: message }),
      notice: (message, level) => logger[level]({ dataDir: config.dataDir }, message),
    });
  }
  const databaseUrl = config.databaseUrl ?? (embedded as RunningPostgres).url;
  const pool = createPool({
    connectionString: databaseUrl,
    max: config.databasePoolSize,
    onError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  });
  let personalData: PersonalData;
  try {
    await migrate(pool, { referenceFields: [CASE_REFERENCES.field] });
    await ensureIdempotencyTable(pool);
    personalData = await openPersonalData(pool, {
      keyFile: config.keyEncryptionKeyFile,
      dataDir: config.dataDir,
      needsKeyEncryptionKey,
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  let store: EventStore;
  try {
    store = await createEventStore(config.eventStore, pool, {
      categories: AGGREGATE_CATEGORIES,
      onForeignEvent: (foreignEvent) =>
        logger.warn(
          { foreignEvent },
          'event store: an event Koproduktiv did not write is in one of its streams; reads leave it out (audit verify reports it)',
        ),
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  const devSecret = config.jwt ? undefined : await loadOrCreateJwtSecret(config.dataDir);
  const verifier = devSecret
    ? new TokenVerifier({ secret: devSecret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE })
    : new TokenVerifier({ ...config.jwt });
  const closeSteps: ShutdownStep[] = [
    { name: 'event store close', run: () => store.close().catch(() => undefined) },
    {
      name: 'database pool end',
      run: () => pool.end().catch(() => undefined),
      detail: async () => `${pool.totalCount - pool.idleCount} of ${pool.totalCount} connections in use`,
    },
    ...(embedded ? [{ name: 'PostgreSQL stop', run: (embedded as RunningPostgres).stop }] : []),
  ];
  return {
    store,
    idempotency: new PostgresIdempotencyStore(pool),
    personalData,
    verifier,
    devSecret,
    pool,
    databaseUrl,
    embedded: Boolean(embedded),
    ready: async () => {
      await pool.query('SELECT 1');
      await store.streamVersion('koproduktiv', 'health-ready'); // the event store answers (a read; nothing is written)
    },
    closeSteps,
    close: async () => {
      for (const step of closeSteps) await step.run();
    },
  };
}
