import { openTestPersonalData } from '../support/personal-data';
import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import {
  aggregateCaseMetrics,
  CaseHistory,
  CaseSnapshot,
  monthEnds,
  resolveMetricsSettings,
  snapshotCase,
} from '@koproduktiv/metrics';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import { ensureReadModels, ReadModelProjection, ReadModelQueries } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { CommandExecutor } from '@koproduktiv/application';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { createTestDatabase, TestDatabase } from '../support/postgres';

const TENANT = 'musterstadt';
const CASES = 450; // several pages of histories and a part-filled last one
const T = new Date('2026-06-30T12:00:00Z');

/** Questions over many cases read the histories page by page; the numbers must be those of all cases at once. */
describe('summary and time series over more cases than one page (PostgreSQL)', () => {
  let db: TestDatabase;
  let queries: ReadModelQueries;
  let histories: CaseHistory[];
  const settings = resolveMetricsSettings();
  /** No fund, unit or initiative is recorded here: no application, so the grant-procedure metrics are undefined. */
  const noGrants = {
    proofsPastDue: 0,
    proofsOverdue: 0,
    proofOverdueShare: null,
    daysToProofReview: null,
    reclaimRate: null,
    repaidShare: null,
  };
  const aggregateAt = (asOf: Date) =>
    aggregateCaseMetrics(
      histories.map((h) => snapshotCase(h, asOf, settings)).filter((s): s is CaseSnapshot => s !== null),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.pool);
    const store = new PostgresEventStore(db.pool);
    const executor = new CommandExecutor(
      store,
      new InMemoryIdempotencyStore(),
      (await openTestPersonalData(db.pool)).codec,
    );
    const send = (type: string, data: object, day: number) =>
      executor.execute({
        tenant: TENANT,
        actor: { subject: 'clerk', role: 'clerk' },
        command: { type, data } as never,
        correlationId: randomUUID(),
        commandId: randomUUID(),
        occurredAt: new Date(Date.UTC(2026, 0, 1 + day, 9)),
      });
    for (let i = 0; i < CASES; i++) {
      const caseId = randomUUID();
      await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId }, i % 150);
      if (i % 3 === 0)
        await send(
          'RecordInteraction',
          { ...commandExamples.RecordInteraction, caseId, interactionId: randomUUID() },
          (i % 150) + 2,
        );
    }
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool)), {
      batchSize: 500,
    }).catchUp();
    histories = (
      await db.pool.query<{ history: CaseHistory }>('SELECT history FROM rm_cases WHERE tenant = $1 ORDER BY id', [
        TENANT,
      ])
    ).rows.map((r) => r.history);
    queries = new ReadModelQueries(db.pool, () => settings);
  }, 60_000);
  afterAll(() => db.drop());

  it('the summary counts every case once', async () => {
    expect(histories).toHaveLength(CASES);
    const { data } = await queries.summary(TENANT, { asOf: T });
    expect(data.cases).toBe(CASES);
    expect(data).toEqual({ asOf: T.toISOString(), ...aggregateAt(T), ...noGrants });
  });

  it('each month of the time series is the aggregate of all cases at its end', async () => {
    const { data } = await queries.timeseries(TENANT, { from: '2026-01', to: '2026-06' });
    const ends = monthEnds('2026-01', '2026-06', settings.timeZone);
    expect(data).toEqual(
      ends.map(({ month, asOf }) => ({
        month,
        asOf: asOf.toISOString(),
        ...aggregateAt(asOf),
        ...noGrants,
        funds: [],
        units: [],
        initiatives: [],
      })),
    );
    expect(data.map((point) => point.cases)).toEqual([31, 59, 90, 120, 150, CASES].map((n) => Math.min(n * 3, CASES)));
  });

  it('"now" across a minute boundary: the last minute\'s answer while the new one is computed, then the new one', async () => {
    let now = new Date('2026-06-30T12:00:30Z');
    const q = new ReadModelQueries(
      db.pool,
      () => settings,
      () => now,
    );
    expect((await q.summary(TENANT, {})).data.asOf).toBe('2026-06-30T12:00:00.000Z');
    now = new Date('2026-06-30T12:01:10Z');
    expect((await q.summary(TENANT, {})).data.asOf).toBe('2026-06-30T12:00:00.000Z');
    const newMinute = new Date('2026-06-30T12:01:00Z');
    for (let tries = 0; (await q.summary(TENANT, {})).data.asOf !== newMinute.toISOString(); tries++) {
      if (tries > 200) throw new Error('the new minute was never computed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await q.summary(TENANT, {})).data).toEqual({
      asOf: newMinute.toISOString(),
      ...aggregateAt(newMinute),
      ...noGrants,
    });
  });
});
