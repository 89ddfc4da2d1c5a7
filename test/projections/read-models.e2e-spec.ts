import { openTestPersonalData } from '../support/personal-data';
import { randomUUID } from 'node:crypto';
import { appendInTransaction, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import {
  ensureReadModels,
  ReadModelProjection,
  ReadModelSupervisor,
  rebuildReadModels,
} from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { CommandExecutor, executeWithReactions } from '@koproduktiv/application';
import { commandExamples, commandExampleSequence, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { createTestDatabase, TestDatabase } from '../support/postgres';

describe('read models (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;
  const send = (type: string, data: object, tenant = 'musterstadt') =>
    executeWithReactions(executor, store, {
      tenant,
      actor: { subject: 'clerk', role: 'clerk' },
      command: { type, data } as never,
      correlationId: randomUUID(),
      commandId: randomUUID(),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.pool);
    store = new PostgresEventStore(db.pool);
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), (await openTestPersonalData(db.pool)).codec);
    for (const { type, body } of commandExampleSequence) await send(type, body);
    for (let i = 0; i < 5; i += 1) {
      const caseId = randomUUID();
      await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId }, i % 2 ? 'musterstadt' : 'nachbarort');
      await send(
        'RecordInteraction',
        { ...commandExamples.RecordInteraction, caseId, interactionId: randomUUID() },
        i % 2 ? 'musterstadt' : 'nachbarort',
      );
    }
  });
  afterAll(() => db.drop());

  const snapshot = async () =>
    (
      await db.pool.query(`SELECT 'case' AS t, tenant, id, doc, history, stage, open, unit_id FROM rm_cases
       UNION ALL SELECT 'initiative', tenant, id, doc, NULL, NULL, NULL, NULL FROM rm_initiatives
       UNION ALL SELECT 'unit', tenant, id, doc, NULL, NULL, NULL, NULL FROM rm_units
       UNION ALL SELECT 'fund', tenant, id, doc, NULL, NULL, NULL, NULL FROM rm_funds
       UNION ALL SELECT 'fund event', tenant, fund_id || ' ' || pos, row_to_json(e)::jsonb, NULL, NULL, NULL, NULL FROM rm_fund_events e ORDER BY 1, 2, 3`)
    ).rows;

  it('projects the story live, without personal data', async () => {
    const supervisor = new ReadModelSupervisor(store, db.pool, { idleMs: 10, checkEveryMs: 50 });
    await supervisor.start();
    await waitFor(async () => supervisor.status()?.caughtUp === true);
    await supervisor.stop();
    const { rows } = await db.pool.query(
      `SELECT doc, stage, open, unit_id FROM rm_cases WHERE tenant = 'musterstadt' AND id = $1`,
      [exampleIds.case],
    );
    expect(rows[0]).toMatchObject({ stage: 'institutionalised', open: true, unit_id: exampleIds.buildingUnit });
    expect(rows[0].doc).toMatchObject({
      interactions: 1,
      commitments: 2,
      supports: 1,
      institutionalisation: { form: 'lease' },
    });
    const fund = (await db.pool.query(`SELECT doc FROM rm_funds WHERE id = $1`, [exampleIds.fund])).rows[0].doc;
    expect(fund).toMatchObject({ budgetCents: 6_500_000, awardedCents: 250_000, disbursedCents: 125_000 });
    const decisions = await db.pool.query(
      `SELECT entry->>'type' AS type, entry->>'applicationId' AS application, (entry->>'amountCents')::int AS cents
       FROM rm_fund_events WHERE fund_id = $1 AND entry->>'type' IN ('GrantAwarded', 'GrantDisbursed', 'ApplicationRejected') ORDER BY pos`,
      [exampleIds.fund],
    );
    expect(decisions.rows).toEqual([
      { type: 'GrantAwarded', application: exampleIds.application, cents: 250_000 },
      { type: 'GrantDisbursed', application: exampleIds.application, cents: 125_000 },
      { type: 'ApplicationRejected', application: exampleIds.rejectedApplication, cents: null },
    ]);
    // ids, amounts, dates and outcomes only: never the rationale of an award or a rejection
    const entries = JSON.stringify((await db.pool.query('SELECT entry FROM rm_fund_events')).rows);
    expect(entries).not.toContain(commandExamples.AwardGrant.rationale);
    expect(entries).not.toContain(commandExamples.RejectApplication.rationale);
    expect((await db.pool.query('SELECT hours::float8 AS hours FROM rm_unit_staff_time')).rows).toEqual([
      { hours: 2.5 },
    ]);
    const initiatives = JSON.stringify((await db.pool.query('SELECT doc FROM rm_initiatives')).rows);
    expect(initiatives).not.toMatch(/Demir|Becker|@|contact/);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM rm_cases WHERE tenant = 'nachbarort'`)).rows[0].n).toBe(
      3,
    );
  });

  it('a rebuild from position 0 produces exactly the live rows, and swaps them in', async () => {
    const live = await snapshot();
    const rebuilt = await rebuildReadModels(store, db.pool, { batchSize: 7 });
    expect(rebuilt.generation).toBe(2);
    expect(rebuilt.events).toBeGreaterThan(40);
    expect(await snapshot()).toEqual(live);
    expect(live.filter((row) => row.t === 'fund event').length).toBeGreaterThanOrEqual(5);
  });

  it('projects an event whose transaction committed after a later one', async () => {
    const generation = await ensureReadModels(db.pool);
    const runner = new ProcessorRunner(store, db.pool, new ReadModelProjection(generation), { batchSize: 50 });
    await runner.catchUp();
    const slow = await db.pool.connect();
    const early = randomUUID();
    const late = randomUUID();
    const event = (caseId: string) => ({
      eventId: randomUUID(),
      type: 'RequestSubmitted',
      schemaVersion: 1,
      occurredAt: new Date(),
      data: { ...commandExamples.SubmitRequest, caseId },
      metadata: { actor: { subject: 'c', role: 'clerk' }, correlationId: 'x', causationId: 'y' },
    });
    try {
      await slow.query('BEGIN');
      await appendInTransaction(slow, 'musterstadt', `case-${early}`, [event(early)], 'no_stream');
      await store.append('musterstadt', `case-${late}`, [event(late)], 'no_stream');
      await runner.catchUp();
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await runner.catchUp();
    const { rows } = await db.pool.query('SELECT id FROM rm_cases WHERE id = ANY($1) ORDER BY id', [[early, late]]);
    expect(rows.map((r) => r.id).sort()).toEqual([early, late].sort());
  });

  it('keeps up while a transaction stays open in another database of the same server', async () => {
    const runner = new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool)), {
      batchSize: 50,
    });
    await runner.catchUp();
    const stranger = await createTestDatabase('kp_stranger');
    const open = await stranger.pool.connect();
    const caseId = randomUUID();
    try {
      await open.query('BEGIN');
      await open.query('CREATE TABLE other_application (n int)');
      await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId });
      await runner.catchUp();
      const { rows } = await db.pool.query('SELECT id FROM rm_cases WHERE id = $1', [caseId]);
      expect(rows).toEqual([{ id: caseId }]);
    } finally {
      await open.query('ROLLBACK');
      open.release();
      await stranger.drop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
