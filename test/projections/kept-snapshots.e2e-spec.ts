import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@koproduktiv/event-store';
import { endOfLocalDay, localDate, localMonth, resolveMetricsSettings } from '@koproduktiv/metrics';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import {
  ensureReadModels,
  KeptSnapshots,
  keptInstants,
  ReadModelProjection,
  ReadModelQueries,
  rebuildReadModels,
  SnapshotKeeper,
} from '@koproduktiv/projections';
import { CommandExecutor } from '@koproduktiv/application';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { TENANT } from '../fixtures/bodies';
import { StoreGenerator } from '../fixtures/projections-data';
import { openTestPersonalData } from '../support/personal-data';
import { createTestEventStore, TestDatabase } from '../support/postgres';

const OTHER = 'nachbarstadt';
const settings = resolveMetricsSettings();
const monthBefore = (month: string, n: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The summary and the time series read kept snapshots (SnapshotKeeper) where it keeps their T; the
 * answers must be exactly those computed from every case history, after new events (before and
 * after the keeper's next run), after a rebuild, and per tenant.
 */
describe('kept snapshots of the Lagebild (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;
  let unitId: string;
  const generator = new StoreGenerator({ events: 7000, cases: 80, chunk: 25, seed: 11 });
  const keeper = () => new SnapshotKeeper(db.pool, () => settings);
  const now = new Date();
  const today = endOfLocalDay(localDate(now, settings.timeZone), settings.timeZone);
  const month = localMonth(now, settings.timeZone);

  const project = async () =>
    new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool)), {
      batchSize: 500,
    }).catchUp();

  /** The Lagebild's questions (summary as of today, twelve months), unfiltered and filtered, and one a year back. */
  const answers = (queries: ReadModelQueries) =>
    Promise.all([
      queries.summary(TENANT, { asOf: today }),
      queries.summary(TENANT, { asOf: today, category: 'kultur' }),
      queries.summary(TENANT, { asOf: today, unitId }),
      queries.summary(TENANT, { asOf: today, from: '2025-01-01', to: '2025-12-31' }),
      queries.summary(OTHER, { asOf: today }),
      queries.timeseries(TENANT, { from: monthBefore(month, 11), to: month }),
      queries.timeseries(TENANT, { from: monthBefore(month, 11), to: month, category: 'umwelt', unitId }),
      queries.timeseries(TENANT, { from: monthBefore(month, 14), to: monthBefore(month, 12) }),
      queries.timeseries(OTHER, { from: monthBefore(month, 11), to: month }),
    ]);
  const fresh = () => new ReadModelQueries(db.pool, () => settings);

  /** The same questions with no snapshot kept: every answer from every case history. */
  const fromScratch = async () => {
    await db.pool.query('ALTER TABLE kp_kept_snapshots RENAME TO kp_kept_snapshots_aside');
    try {
      return await answers(fresh());
    } finally {
      await db.pool.query('ALTER TABLE kp_kept_snapshots_aside RENAME TO kp_kept_snapshots');
    }
  };

  const send = (tenant: string, type: string, data: object, occurredAt: Date) =>
    executor.execute({
      tenant,
      actor: { subject: 'clerk', role: 'clerk' },
      command: { type, data } as never,
      correlationId: randomUUID(),
      commandId: randomUUID(),
      occurredAt,
    });

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), (await openTestPersonalData(db.pool)).codec);
    await generator.grow(store, 4000, 4);
    await send(
      OTHER,
      'SubmitRequest',
      { ...commandExamples.SubmitRequest, caseId: randomUUID() },
      new Date(now.getTime() - 40 * 86_400_000),
    );
    await project();
    unitId = (
      await db.pool.query<{ unit_id: string }>('SELECT unit_id FROM rm_cases WHERE unit_id IS NOT NULL LIMIT 1')
    ).rows[0].unit_id;
  }, 120_000);
  afterAll(() => db.drop());

  it('keeps every instant of both tenants once, and answers with them exactly as from every history', async () => {
    const report = await keeper().keep();
    const instants = keptInstants(now, settings.timeZone).length;
    expect(report).toEqual({ tenants: 2, computed: 2 * instants, patched: 0, dropped: 0 });
    expect(await keeper().keep()).toEqual({ tenants: 2, computed: 0, patched: 0, dropped: 0 });
    const kept = await answers(fresh());
    expect(kept[0].data.cases).toBeGreaterThan(50);
    expect(kept[4].data.cases).toBe(1);
    // The cohort's grant-procedure metrics count awards of its cases: the kept cohort must name the same cases.
    expect(kept[0].data.proofsPastDue).toBeGreaterThan(0);
    expect(kept).toEqual(await fromScratch());
  }, 60_000);

  it('answers from the kept snapshots, not from the histories (the whole municipality from its kept aggregate)', async () => {
    const { rows } = await db.pool.query<{ cases: Buffer; aggregate: string }>(
      'SELECT cases, aggregate FROM kp_kept_snapshots WHERE tenant = $1 AND as_of = $2',
      [TENANT, today],
    );
    const tamper = (cases: Buffer, aggregate: string | null) =>
      db.pool.query('UPDATE kp_kept_snapshots SET cases = $3, aggregate = $4 WHERE tenant = $1 AND as_of = $2', [
        TENANT,
        today,
        cases,
        aggregate,
      ]);
    try {
      await tamper(KeptSnapshots.of(today, []).encode(), null);
      expect((await fresh().summary(TENANT, { asOf: today })).data.cases).toBe(0);
      await tamper(rows[0].cases, JSON.stringify({ ...JSON.parse(rows[0].aggregate), cases: 12345 }));
      expect((await fresh().summary(TENANT, { asOf: today })).data.cases).toBe(12345);
      expect((await fresh().summary(TENANT, { asOf: today, category: 'kultur' })).data.cases).toBeLessThan(12345);
    } finally {
      await tamper(rows[0].cases, rows[0].aggregate);
    }
  });

  it('after new events (older months too, a new backdated case, the other tenant): the same before and after the keeper ran', async () => {
    await generator.grow(store, 6000, 4);
    const backdated = randomUUID();
    const longAgo = new Date(now.getTime() - 300 * 86_400_000);
    await send(
      TENANT,
      'SubmitRequest',
      { ...commandExamples.SubmitRequest, caseId: backdated, category: 'kultur' },
      longAgo,
    );
    await send(TENANT, 'AcknowledgeRequest', { ...commandExamples.AcknowledgeRequest, caseId: backdated }, longAgo);
    await send(OTHER, 'SubmitRequest', { ...commandExamples.SubmitRequest, caseId: randomUUID() }, now);
    await project();
    const reference = await fromScratch();
    expect(reference[1].data.cases).toBeGreaterThan(0);
    expect(await answers(fresh())).toEqual(reference);
    const report = await keeper().keep();
    expect(report).toMatchObject({ tenants: 2, computed: 0, dropped: 0 });
    expect(report.patched).toBe(2 * keptInstants(now, settings.timeZone).length);
    const { rows } = await db.pool.query<{ behind: string }>(
      `SELECT count(*) AS behind FROM kp_kept_snapshots k JOIN rm_tenant_positions p USING (tenant) WHERE k.position < p.position`,
    );
    expect(Number(rows[0].behind)).toBe(0);
    expect(await answers(fresh())).toEqual(reference);
  }, 120_000);

  it('after a rebuild: not used until kept again from the new generation, then the same answers', async () => {
    const reference = await fromScratch();
    await rebuildReadModels(store, db.pool, { batchSize: 1000 });
    expect(await answers(fresh())).toEqual(reference);
    const report = await keeper().keep();
    const instants = keptInstants(now, settings.timeZone).length;
    expect(report).toEqual({ tenants: 2, computed: 2 * instants, patched: 0, dropped: 2 * instants });
    expect(await answers(fresh())).toEqual(reference);
  }, 120_000);
});
