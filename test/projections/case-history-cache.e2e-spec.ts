import { openTestPersonalData } from '../support/personal-data';
import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { resolveMetricsSettings } from '@koproduktiv/metrics';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import {
  CaseHistoryCache,
  ensureReadModels,
  ReadModelProjection,
  ReadModelQueries,
  rebuildReadModels,
} from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { CommandExecutor } from '@koproduktiv/application';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { createTestDatabase, TestDatabase } from '../support/postgres';

const TENANT = 'musterstadt';
const T = new Date('2026-06-30T12:00:00Z');
// ReadModelQueries looks the read-model position up at most every 100 ms.
const positionLookupPassed = () => new Promise((resolve) => setTimeout(resolve, 120));

describe('case metrics from the history cache (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;
  let catchUp: () => Promise<unknown>;
  let cache: CaseHistoryCache;
  let cached: ReadModelQueries;
  const caseId = randomUUID();
  const send = (type: string, data: object) =>
    executor.execute({
      tenant: TENANT,
      actor: { subject: 'clerk', role: 'clerk' },
      command: { type, data } as never,
      correlationId: randomUUID(),
      commandId: randomUUID(),
      occurredAt: new Date('2026-03-02T10:00:00Z'),
    });
  const interaction = (id = caseId) =>
    send('RecordInteraction', { ...commandExamples.RecordInteraction, caseId: id, interactionId: randomUUID() });
  // A fresh instance without a cache reads every history from PostgreSQL: the reference.
  const uncachedMetrics = (tenant = TENANT) =>
    new ReadModelQueries(db.pool, () => resolveMetricsSettings(), undefined, new CaseHistoryCache(0)).caseMetrics(
      tenant,
      caseId,
      T,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.pool);
    store = new PostgresEventStore(db.pool);
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), (await openTestPersonalData(db.pool)).codec);
    const runner = new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool)), {
      batchSize: 100,
    });
    catchUp = () => runner.catchUp();
    await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId });
    await interaction();
    await catchUp();
    cache = new CaseHistoryCache(1024 * 1024);
    cached = new ReadModelQueries(db.pool, () => resolveMetricsSettings(), undefined, cache);
  });
  afterAll(() => db.drop());

  it('answers a repeated question from the cache with the same numbers as a read from PostgreSQL', async () => {
    const first = await cached.caseMetrics(TENANT, caseId, T);
    expect(first?.data?.participation.collaborate).toBe(1);
    expect(first).toEqual(await uncachedMetrics());
    expect(await cached.caseMetrics(TENANT, caseId, T)).toEqual(first);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
  });

  it('reads the history again once the case row has moved on', async () => {
    await interaction();
    await catchUp();
    await positionLookupPassed();
    const after = await cached.caseMetrics(TENANT, caseId, T);
    expect(after?.data?.participation.collaborate).toBe(2);
    expect(after).toEqual(await uncachedMetrics());
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('keeps the cached history when only other cases moved, after asking whether this one did', async () => {
    const other = randomUUID();
    await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId: other });
    await interaction(other);
    await catchUp();
    await positionLookupPassed();
    const { store: before, own } = await cached.positions(TENANT);
    const answer = await cached.caseMetrics(TENANT, caseId, T);
    expect(answer?.position).toBe(own);
    expect(answer).toEqual(await uncachedMetrics());
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
    expect(cache.get(TENANT, caseId)?.checkedAt).toBe(before);
  });

  it("never answers for another tenant's case from the cache", async () => {
    expect(await cached.caseMetrics('nachbarort', caseId, T)).toBeUndefined();
    expect(await uncachedMetrics('nachbarort')).toBeUndefined();
  });

  it('serves a summary from cached histories and takes the others into its free room', async () => {
    const fresh = new CaseHistoryCache(1024 * 1024);
    const queries = new ReadModelQueries(db.pool, () => resolveMetricsSettings(), undefined, fresh);
    const reference = await new ReadModelQueries(
      db.pool,
      () => resolveMetricsSettings(),
      undefined,
      new CaseHistoryCache(0),
    ).summary(TENANT, { asOf: T });
    expect((await queries.summary(TENANT, { asOf: T })).data).toEqual(reference.data);
    expect(fresh.stats().entries).toBe(reference.data.cases);
    await queries.caseMetrics(TENANT, caseId, T);
    expect(fresh.stats()).toMatchObject({ hits: 1, misses: 0 });
  });

  it('never lets a summary push out a case asked about by itself', async () => {
    const probe = new CaseHistoryCache(1024 * 1024);
    await new ReadModelQueries(db.pool, () => resolveMetricsSettings(), undefined, probe).caseMetrics(
      TENANT,
      caseId,
      T,
    );
    // Room for this history, not for a second one.
    const full = new CaseHistoryCache(Math.round(probe.stats().bytes * 1.5));
    const queries = new ReadModelQueries(db.pool, () => resolveMetricsSettings(), undefined, full);
    await queries.caseMetrics(TENANT, caseId, T);
    await queries.summary(TENANT, { asOf: T });
    expect(full.stats().entries).toBe(1);
    expect(full.get(TENANT, caseId)).toBeDefined();
  });

  it('answers as before after a rebuild swapped in a new generation', async () => {
    const before = await uncachedMetrics();
    await rebuildReadModels(store, db.pool, { batchSize: 3 });
    await positionLookupPassed();
    expect(await cached.caseMetrics(TENANT, caseId, T)).toEqual(before);
  });
});
