/**
 * The real stack on the embedded default, in this process: embedded PostgreSQL in a fresh temporary
 * DATA_DIR, the runtime's wiring (pool, migrations, PostgreSQL event and idempotency stores, HS256
 * dev tokens) and the Fastify app on a free loopback port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { openPersonalData } from '@koproduktiv/personal-data';
import {
  createLogger,
  createPool,
  DEV_AUDIENCE,
  DEV_ISSUER,
  issueDevToken,
  PostgresIdempotencyStore,
  RunningPostgres,
  startEmbeddedPostgres,
  TokenVerifier,
  ensureIdempotencyTable,
} from '@koproduktiv/platform';
import { createApp } from '../../apps/api/src/create-app';
import { CLERK, TENANT } from '../../test/fixtures/bodies';
import { SealingSwitch } from './sealing-switch';

export interface Stack {
  readonly dataDir: string;
  /** The embedded PostgreSQL cluster's directory (its postmaster.pid names the server process). */
  readonly clusterDir: string;
  readonly databaseUrl: string;
  readonly baseUrl: string;
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  /** A clerk token of TENANT. */
  readonly token: string;
  /** Turns the sealing of personal data off for a comparison run (--sealing off). */
  readonly sealing: SealingSwitch;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly poolSize: number;
  readonly logLevel: string;
}

/** Starts everything; whatever started is stopped again if a later step fails. */
export async function startStack({ poolSize, logLevel }: StackOptions): Promise<Stack> {
  const cleanup: (() => Promise<unknown>)[] = [];
  let closing: Promise<void> | undefined;
  // Undoes the steps that ran, last first; once, however often it is called.
  const close = () =>
    (closing ??= (async () => {
      for (const step of [...cleanup].reverse())
        await step().catch((error) => process.stderr.write(`cleanup: ${String(error)}\n`));
    })());
  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-bench-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));

    const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir });
    cleanup.push(() => postgres.stop());

    const logger = createLogger(logLevel);
    const pool = createPool({
      connectionString: postgres.url,
      max: poolSize,
      applicationName: 'koproduktiv-bench',
      // Stopping PostgreSQL ends connections the pool is still closing: no news then.
      onError: (error) => {
        if (!closing) logger.warn({ err: error }, 'idle database connection failed');
      },
    });
    cleanup.push(() => pool.end());
    await migrate(pool);
    await ensureIdempotencyTable(pool);
    const keyDir = await mkdtemp(join(tmpdir(), 'kp-bench-kek-'));
    cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
    const opened = await openPersonalData(pool, { dataDir: keyDir });
    const sealing = new SealingSwitch(opened.keys);
    const personalData = { ...opened, codec: sealing };

    const secret = new Uint8Array(randomBytes(32));
    const store = new PostgresEventStore(pool);
    const app: NestFastifyApplication = await createApp(
      {
        store,
        idempotency: new PostgresIdempotencyStore(pool),
        personalData,
        verifier: new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
        ready: async () => void (await pool.query('SELECT 1')),
        pool,
      },
      { logger, bodyLimitBytes: 64 * 1024 },
    );
    cleanup.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const token = await issueDevToken(secret, { tenant: TENANT, roles: ['clerk'], subject: CLERK });

    return {
      dataDir,
      clusterDir: join(dataDir, 'postgres'),
      databaseUrl: postgres.url,
      baseUrl: `http://127.0.0.1:${port}`,
      pool,
      store,
      token,
      sealing,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
