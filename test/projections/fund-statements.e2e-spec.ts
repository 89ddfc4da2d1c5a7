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
import { DEFAULT_METRICS_SETTINGS, FundStatement } from '@koproduktiv/metrics';
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
  const days = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i * 5, 12)));
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
    // the high bits of a linear congruential generator (its low bits repeat with short periods)
    const next = (n: number) => Math.floor((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 65_536) % n;
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
        // Every step of the procedure, in business times that are often out of append order; some awards from before it (no application, no proof date).
        for (let a = 0; a < 12; a++) {
          const ids = { applicationId: randomUUID(), caseId: randomUUID() };
          const amount = 10_000 * (1 + next(50));
          const day = 1 + next(20);
          const legacy = next(4) === 0;
          if (!legacy) events.push(event('ApplicationReceived', { ...ids, amountRequestedCents: 2 * amount }, day));
          if (next(5) === 0) {
            events.push(event('ApplicationRejected', ids, day + next(10)));
            continue;
          }
          const proofDueOn = legacy ? undefined : `2026-0${2 + next(3)}-${10 + next(18)}`;
          if (!legacy && next(3) === 0) {
            events.push(event('GrantAwardProposed', { ...ids, amountCents: amount, proofDueOn }, day + 1));
            if (next(3) === 0) {
              events.push(event('GrantProposalWithdrawn', { ...ids, amountCents: amount }, day + 2 + next(5)));
              continue;
            }
          }
          events.push(
            event('GrantAwarded', { ...ids, amountCents: amount, proofDueOn: proofDueOn ?? null }, day + 2 + next(10)),
          );
          const paid = next(3) === 0 ? 0 : next(amount) + 1;
          if (paid > 0) events.push(event('GrantDisbursed', { ...ids, amountCents: paid }, 20 + next(20)));
          if (paid > 0 && next(3) > 0) {
            events.push(event('ProofOfUseSubmitted', { ...ids, spentCents: next(paid) + 1 }, 40 + next(10)));
            if (next(2) === 0) {
              const accepted = next(paid + 1);
              events.push(
                event(
                  'ProofOfUseReviewed',
                  { ...ids, outcome: accepted === paid ? 'accepted' : 'partially_accepted', acceptedCents: accepted },
                  50 + next(10),
                ),
              );
              if (accepted < paid) {
                events.push(event('GrantReclaimed', { ...ids, amountCents: paid - accepted }, 61));
                events.push(event('RepaymentRecorded', { ...ids, amountCents: paid - accepted }, 62 + next(3)));
              }
              if (next(2) === 0) events.push(event('ApplicationSettled', { ...ids, releasedCents: amount - paid }, 66));
            }
          } else if (paid === 0 && next(2) === 0)
            events.push(event('ApplicationSettled', { ...ids, releasedCents: amount }, 30));
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
    const found = live.filter((s) => s !== null) as FundStatement[];
    expect(found).toHaveLength(tenants.length * funds.length * days.length);
    // the generated procedure reaches every column and proof state
    for (const column of [
      'reservedCents',
      'disbursedCents',
      'acceptedCents',
      'reclaimedCents',
      'repaidCents',
      'releasedCents',
    ] as const)
      expect({ column, reached: found.some((s) => s[column] > 0) }).toEqual({ column, reached: true });
    for (const proof of ['due', 'overdue', 'reviewed'])
      expect({ proof, reached: found.some((s) => s.applications.some((a) => a.proof === proof)) }).toEqual({
        proof,
        reached: true,
      });
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
