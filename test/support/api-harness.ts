import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createEventStore, EventStore, EventStoreSelection, migrate } from '@koproduktiv/event-store';
import { AGGREGATE_CATEGORIES, CASE_REFERENCES, TenantRules } from '@koproduktiv/domain';
import {
  createLogger,
  DEV_AUDIENCE,
  DEV_ISSUER,
  issueDevToken,
  IssueTokenOptions,
  Logger,
  PostgresIdempotencyStore,
  TokenVerifier,
  ensureIdempotencyTable,
} from '@koproduktiv/platform';
import { createApp } from '../../apps/api/src/create-app';
import { builtConsole, ConsoleSignIn } from '../../apps/api/src/console/console-options';
import { commandExampleSequence } from '../../apps/api/src/commands/dto/examples';
import { ensureReadModels, ReadModelProjection } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { CommandExecutor } from '@koproduktiv/application';
import { ReactionsProcessor } from '@koproduktiv/projector';
import {
  EventCodec,
  PersonalData,
  PostgresAccessLog,
  PostgresDataKeyStore,
  ResealLog,
} from '@koproduktiv/personal-data';
import { openTestPersonalData } from './personal-data';
import { createTestDatabase, TestDatabase } from './postgres';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface ApiHarness {
  readonly baseUrl: string;
  readonly db: TestDatabase;
  readonly store: EventStore;
  /** The key table's codec and access log, over the test's database. */
  readonly personalData: PersonalData;
  /** The file of its key-encryption key (KEY_ENCRYPTION_KEY_FILE for the CLI). */
  readonly keyFile: string;
  token(tenant: string, ...roles: string[]): Promise<string>;
  /** A token of a named subject (a staff member's own reference). */
  tokenOf(subject: string, tenant: string, ...roles: string[]): Promise<string>;
  /** A token with any of the claims the development issuer can set (e.g. staff_ref). */
  issueToken(options: IssueTokenOptions): Promise<string>;
  /** POST /v1/commands/<type> with a JSON body and a clerk token of `tenant` unless `token` is given. */
  command(
    type: string,
    body: unknown,
    options?: { tenant?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  request(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** GET with a token of `tenant` in `roles`. */
  get(path: string, tenant: string, roles: string[], headers?: Record<string, string>): Promise<ApiResponse>;
  /** Brings the read models up to date with the store (what the projector does continuously). */
  project(): Promise<number>;
  close(): Promise<void>;
}

/** The real application over real HTTP on loopback and a PostgreSQL database of its own. */
export async function startApi({
  bodyLimitBytes = 64 * 1024,
  eventStore = { kind: 'postgres' } as EventStoreSelection,
  /** A store made by the test instead of the selected one (e.g. an adapter over a fake client). */
  givenStore = undefined as EventStore | undefined,
  /** The service's logger (default: silent, or TEST_LOG_LEVEL). */
  logger = undefined as Logger | undefined,
  /** Start a second process over the database of a running harness: its key-encryption key, fresh caches; close() leaves the database. */
  reuse = undefined as ApiHarness | undefined,
  /** Run the process manager (the fund receiving applications); off for tests that run it themselves. */
  processManager = true,
  /** Each municipality's rules (GRANT_SETTINGS); the defaults without it. */
  tenantRules = undefined as ((tenant: string) => TenantRules) | undefined,
  /** Serve the built console (dist/console) with its development sign-in, as `npm start` does. */
  withConsole = false,
  /** With `withConsole`: how it signs in (development: with POST /v1/dev/sign-in). */
  consoleSignIn = { mode: 'development' } as ConsoleSignIn,
  /** Verifies tokens instead of the harness's own HS256 secret (e.g. against a JWKS). */
  verifier = undefined as TokenVerifier | undefined,
  /** "Now" of the read side (worklist, metrics without asOf); the system clock without it. */
  clock = undefined as (() => Date) | undefined,
} = {}): Promise<ApiHarness> {
  const db = reuse?.db ?? (await createTestDatabase('kp_e2e'));
  await migrate(db.pool, { referenceFields: [CASE_REFERENCES.field] });
  await ensureIdempotencyTable(db.pool);
  const { keyFile, ...personalData } = reuse
    ? { ...(await restartedPersonalData(db.pool, reuse.personalData)), keyFile: reuse.keyFile }
    : await openTestPersonalData(db.pool);
  const secret = new Uint8Array(randomBytes(32));
  // Events in the selected store; read models, checkpoints and idempotency keys in PostgreSQL.
  const store =
    givenStore ?? reuse?.store ?? (await createEventStore(eventStore, db.pool, { categories: AGGREGATE_CATEGORIES }));
  const idempotency = new PostgresIdempotencyStore(db.pool);
  // The process manager, as the projector runs it beside the API (`npm start`), woken by each append.
  const reactions = new ProcessorRunner(
    store,
    db.pool,
    new ReactionsProcessor(new CommandExecutor(store, idempotency, personalData.codec, { tenantRules })),
    { idleMs: 250, retryMs: 100 },
  );
  if (processManager) reactions.start();
  const app: NestFastifyApplication = await createApp(
    {
      store,
      idempotency,
      personalData,
      verifier: verifier ?? new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
      ready: async () => void (await db.pool.query('SELECT 1')),
      pool: db.pool,
      onAppended: () => reactions.poke(),
      tenantRules,
      ...(withConsole
        ? {
            console: builtConsole(consoleSignIn, join(__dirname, '..', '..', 'dist', 'console')),
            ...(consoleSignIn.mode === 'development'
              ? { devTokens: (options: IssueTokenOptions) => issueDevToken(secret, options) }
              : {}),
          }
        : {}),
      clock,
    },
    { logger: logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), bodyLimitBytes },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;

  const request = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, { method, body: init.body, headers: init.headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body };
  };
  const token = (tenant: string, ...roles: string[]) =>
    issueDevToken(secret, { tenant, roles, subject: `${roles.join('+')}@${tenant}` });

  return {
    baseUrl,
    db,
    store,
    personalData,
    keyFile,
    token,
    tokenOf: (subject, tenant, ...roles) => issueDevToken(secret, { tenant, roles, subject }),
    issueToken: (options) => issueDevToken(secret, options),
    request,
    async command(type, body, { tenant = 'musterstadt', token: given, headers = {} } = {}) {
      const bearer = given === undefined ? await token(tenant, 'clerk') : given;
      const response = await request('POST', `/v1/commands/${type}`, {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...headers,
        },
      });
      // A story goes on with the fund's answer to the application, as a clerk would wait for it.
      if (type === 'ApplyForFunding' && response.status === 200 && processManager)
        await fundAnswered(
          store,
          tenant,
          (body as { fundId: string }).fundId,
          (response as ApiResponse).body.events[0].eventId,
        );
      return response;
    },
    async get(path, tenant, roles, headers = {}) {
      return request('GET', path, {
        headers: { authorization: `Bearer ${await token(tenant, ...roles)}`, ...headers },
      });
    },
    async project() {
      const generation = await ensureReadModels(db.pool);
      return new ProcessorRunner(store, db.pool, new ReadModelProjection(generation)).catchUp();
    },
    async close() {
      await reactions.stop();
      await app.close();
      if (reuse) return;
      await store.close();
      await db.drop();
    },
  };
}

/** Sends every example command once, in story order, as a clerk of `tenant`, each correlated as `story-<type>`. */
export async function sendStory(api: ApiHarness, tenant = 'musterstadt'): Promise<void> {
  for (const { type, body } of commandExampleSequence) {
    const response = await api.command(type, body, { tenant, headers: { 'x-correlation-id': `story-${type}` } });
    if (response.status !== 200) throw new Error(`${type}: ${JSON.stringify(response.body)}`);
  }
}

/** Waits until the process manager made the fund receive (or refuse) the application FundingApplied `eventId` names. */
export async function fundAnswered(store: EventStore, tenant: string, fundId: string, eventId: string): Promise<void> {
  const key = `reaction:${eventId}:0`;
  const started = Date.now();
  while (!(await store.readStream(tenant, `fund-${fundId}`)).some((e) => e.metadata.idempotencyKey === key)) {
    if (Date.now() - started > 15_000)
      throw new Error(`the fund ${fundId} did not answer application event ${eventId} in 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What a restarted process has: the same key-encryption key, nothing cached. */
async function restartedPersonalData(pool: TestDatabase['pool'], running: PersonalData): Promise<PersonalData> {
  const keys = new PostgresDataKeyStore(pool, running.kek);
  return {
    kek: running.kek,
    keys,
    codec: new EventCodec(keys),
    accessLog: new PostgresAccessLog(pool),
    reseals: new ResealLog(pool),
  };
}
