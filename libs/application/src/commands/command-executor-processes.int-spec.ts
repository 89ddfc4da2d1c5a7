import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventCodec, openPersonalData, PostgresDataKeyStore } from '@koproduktiv/personal-data';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@koproduktiv/event-store';
import { PostgresIdempotencyStore } from '@koproduktiv/platform';
import { createTestEventStore, TestDatabase } from '@koproduktiv/test-support/postgres';
import { CommandEnvelope } from './command-envelope';
import { CommandExecutor } from './command-executor';

/**
 * Two API processes on one PostgreSQL: each has its own decision and tip caches, so each one's
 * cached state of a stream goes stale whenever the other writes to it.
 */
describe('CommandExecutor in two processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let processes: CommandExecutor[];

  beforeAll(async () => {
    let store: PostgresEventStore;
    ({ db, store } = await createTestEventStore());
    const other = new PostgresEventStore(db.pool);
    // Each process with a key cache of its own over the one key table.
    const { kek } = await openPersonalData(db.pool, { dataDir: await mkdtemp(join(tmpdir(), 'kp-kek-')) });
    processes = [store, other].map(
      (s) =>
        new CommandExecutor(
          s,
          new PostgresIdempotencyStore(db.pool),
          new EventCodec(new PostgresDataKeyStore(db.pool, kek)),
        ),
    );
  });
  afterAll(() => db.drop());

  const command = (c: CommandEnvelope['command'], extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
    tenant: 'musterstadt',
    actor: { subject: 'clerk-1', role: 'clerk' },
    command: c,
    correlationId: randomUUID(),
    commandId: randomUUID(),
    ...extra,
  });
  const registerUnit = (unitId: string) =>
    command({ type: 'RegisterUnit', data: { unitId, name: 'Kulturamt', isContactPoint: false } });
  const setBudget = (unitId: string, month: number, extra: Partial<CommandEnvelope> = {}) =>
    command(
      { type: 'SetStaffTimeBudget', data: { unitId, period: `2026-${String(month).padStart(2, '0')}`, hours: month } },
      extra,
    );

  const versionsOf = async (unitId: string) =>
    (
      await db.pool.query(`SELECT version FROM kp_events WHERE stream_id = $1 ORDER BY version`, [`unit-${unitId}`])
    ).rows.map((row) => Number(row.version));

  it('decides on what the other process appended when they take turns, losing no command', async () => {
    const unitId = randomUUID();
    await processes[0].execute(registerUnit(unitId));
    const versions: number[] = [];
    for (let month = 1; month <= 12; month++)
      versions.push((await processes[month % 2].execute(setBudget(unitId, month))).version);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(await versionsOf(unitId)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('under concurrent commands from both, appends each success once, at contiguous versions, and reports the rest as 409', async () => {
    const unitId = randomUUID();
    await processes[0].execute(registerUnit(unitId));
    await processes[1].execute(setBudget(unitId, 1)); // both processes have cached the stream
    await processes[0].execute(setBudget(unitId, 2));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) => processes[i % 2].execute(setBudget(unitId, 1 + (i % 12)))),
    );
    const won = outcomes.filter(
      (o): o is PromiseFulfilledResult<Awaited<ReturnType<CommandExecutor['execute']>>> => o.status === 'fulfilled',
    );
    for (const lost of outcomes.filter((o) => o.status === 'rejected'))
      expect((lost as PromiseRejectedResult).reason).toMatchObject({
        kind: 'conflict',
        code: 'COMMAND.CONCURRENT_WRITE',
      });
    expect(won.length).toBeGreaterThan(0);
    expect(new Set(won.map((o) => o.value.version)).size).toBe(won.length);
    expect(await versionsOf(unitId)).toEqual(Array.from({ length: 3 + won.length }, (_, i) => i + 1));
  });

  it('appends a keyed command once when both processes receive it at the same time', async () => {
    const unitId = randomUUID();
    await processes[0].execute(registerUnit(unitId));
    await processes[1].execute(setBudget(unitId, 1));
    await processes[0].execute(setBudget(unitId, 2));
    const key = `both-${randomUUID()}`;
    const outcomes = await Promise.allSettled(
      processes.flatMap((p) => [
        p.execute(setBudget(unitId, 3, { idempotencyKey: key })),
        p.execute(setBudget(unitId, 3, { idempotencyKey: key })),
      ]),
    );
    const answers = outcomes
      .filter((o) => o.status === 'fulfilled')
      .map((o) => (o as PromiseFulfilledResult<unknown>).value);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await versionsOf(unitId)).toEqual([1, 2, 3, 4]);
  });
});
