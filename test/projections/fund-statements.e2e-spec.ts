import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@koproduktiv/event-store';
import {
  activeGeneration,
  ensureReadModels,
  ReadModelProjection,
  ReadModelQueries,
  ReadModelSupervisor,
  rebuildReadModels,
} from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { DEFAULT_METRICS_SETTINGS } from '@koproduktiv/metrics';
import { createTestEventStore, TestDatabase } from '../support/postgres';
import { waitFor } from '../support/wait-for';

/**
 * Fund statements from the read models: live (batch by batch), after a rebuild and after an
 * upgrade from a version that kept no fund events must be the same, for every fund and every T.
 */
describe('fund statements from the read models (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const funds = Array.from({ length: 4 }, () => randomUUID());
  const tenants = ['musterstadt', 'nachbarort'];
  const days = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i * 6, 12)));
  const queries = () => new ReadModelQueries(db.pool, () => DEFAULT_METRICS_SETTINGS);

  /** Every statement of every fund at every T, as JSON. */
  const statements = async () => {
    const q = queries();
    const all: unknown[] = [];
    for (const tenant of tenants)
      for (const fundId of funds)
        for (const t of days) all.push((await q.fundStatement(tenant, fundId, t))?.data ?? null);
    return all;
  };

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (const tenant of tenants) {
      for (const fundId of funds) {
        const event = (type: string, data: object, day: number) => ({
          eventId: randomUUID(),
          type,
          schemaVersion: 1,
          occurredAt: new Date(Date.UTC(2026, 0, 1 + day, 9)),
          data: { fundId, ...data },
          metadata: { actor: { subject: 'c', role: 'clerk' }, correlationId: 'x', causationId: 'y' },
        });
        const events = [event('FundOpened', { name: 'F', year: 2026, budgetCents: 5_000_000 }, 0)];
        for (let a = 0; a < 12; a++) {
          const applicationId = randomUUID();
          const caseId = randomUUID();
          const ids = { applicationId, caseId };
          const amount = 10_000 * (1 + next(50));
          events.push(event('GrantAwarded', { ...ids, amountCents: amount }, 1 + next(30)));
          if (next(3) > 0)
            events.push(event('GrantDisbursed', { ...ids, amountCents: next(amount) + 1 }, 10 + next(50)));
          if (next(4) === 0) events.push(event('ApplicationRejected', { ...ids }, 1 + next(30)));
        }
        for (let i = 0; i < events.length; i += 5)
          await store.append(tenant, `fund-${fundId}`, events.slice(i, i + 5), i === 0 ? 'no_stream' : i);
      }
    }
    const generation = await ensureReadModels(db.pool);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(generation), { batchSize: 7 }).catchUp();
  }, 60_000);
  afterAll(() => db.drop());

  it('a rebuild reproduces every statement exactly', async () => {
    const live = await statements();
    expect(live.filter((s) => s !== null)).toHaveLength(tenants.length * funds.length * days.length);
    const rebuilt = await rebuildReadModels(store, db.pool, { batchSize: 13 });
    expect(rebuilt.generation).toBe(2);
    expect(await statements()).toEqual(live);
  });

  it('read models from a version that kept no fund events are rebuilt once the projector starts', async () => {
    const before = await statements();
    const active = await activeGeneration(db.pool);
    await db.pool.query(`DROP VIEW IF EXISTS rm_fund_events; DROP TABLE rm_fund_events_g${active}`);
    const supervisor = new ReadModelSupervisor(store, db.pool, { idleMs: 10, checkEveryMs: 50 });
    await supervisor.start();
    try {
      await waitFor(async () => (await activeGeneration(db.pool)) > active, 30_000);
      await waitFor(async () => supervisor.status()?.caughtUp === true);
    } finally {
      await supervisor.stop();
    }
    expect(await statements()).toEqual(before);
  });
});
