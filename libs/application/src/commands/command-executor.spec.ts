import { inMemoryCodec } from '@koproduktiv/personal-data/testing';
import { randomUUID } from 'node:crypto';
import { DomainError, EVENT_SCHEMA_VERSION } from '@koproduktiv/domain';
import { EventToAppend, ExpectedVersion, InMemoryEventStore, StoreUnavailableError } from '@koproduktiv/event-store';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import { CommandEnvelope } from './command-envelope';
import { CommandExecutor } from './command-executor';
import { CommandRejected } from './command-rejected';
import { DecisionCache } from './decision-cache';

const NOW = new Date('2026-03-02T10:00:00Z');
const unitId = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03';

const envelope = (command: CommandEnvelope['command'], extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  tenant: 'musterstadt',
  actor: { subject: 'clerk-1', role: 'clerk' },
  command,
  correlationId: 'corr-1',
  commandId: randomUUID(),
  ...extra,
});
const registerUnit = envelope({ type: 'RegisterUnit', data: { unitId, name: 'Bauamt', isContactPoint: false } });
const setBudget = (hours: number, extra: Partial<CommandEnvelope> = {}) =>
  envelope({ type: 'SetStaffTimeBudget', data: { unitId, period: '2026-05', hours } }, extra);

/** A real in-memory store that lets another writer slip in before the next N appends. */
class RacingStore extends InMemoryEventStore {
  races = 0;
  override async append(tenant: string, streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion) {
    if (this.races > 0) {
      this.races -= 1;
      await super.append(tenant, streamId, [{ ...events[0], eventId: randomUUID() }], 'any');
    }
    return super.append(tenant, streamId, events, expected);
  }
}

describe('CommandExecutor', () => {
  let store: RacingStore;
  let executor: CommandExecutor;

  beforeEach(async () => {
    store = new RacingStore(() => NOW);
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), inMemoryCodec(), { clock: () => NOW });
    await executor.execute(registerUnit);
  });

  it('appends the decided events with the envelope as metadata and the business time', async () => {
    const occurredAt = new Date('2026-02-01T08:00:00Z');
    const result = await executor.execute(setBudget(40, { occurredAt, idempotencyKey: 'k1' }));
    expect(result).toMatchObject({ streamId: `unit-${unitId}`, version: 2, events: [{ type: 'StaffTimeBudgetSet' }] });
    const [, event] = await store.readStream('musterstadt', `unit-${unitId}`);
    expect(event).toMatchObject({
      schemaVersion: EVENT_SCHEMA_VERSION,
      occurredAt,
      recordedAt: NOW,
      data: { unitId, period: '2026-05', hours: 40 },
      metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: 'corr-1', idempotencyKey: 'k1' },
    });
  });

  it('decides once more on fresh state when another writer won the race', async () => {
    store.races = 1;
    const result = await executor.execute(setBudget(40));
    expect(result.version).toBe(3);
    expect(await store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(3);
  });

  it('reports a second lost race on fresh state as a 409 and appends nothing of its own', async () => {
    // The first conflict is the cached state's (decided without reading), then two on fresh state.
    store.races = 3;
    await expect(executor.execute(setBudget(40))).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMMAND.CONCURRENT_WRITE',
    });
    expect(await store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(4); // the three racing writes only
  });

  it('does not retry when the caller stated If-Match: a lost race is a 412', async () => {
    store.races = 1;
    await expect(executor.execute(setBudget(40, { expectedVersion: 1 }))).rejects.toMatchObject({
      kind: 'version_mismatch',
      code: 'COMMAND.VERSION_MISMATCH',
    });
  });

  it('replays the first result for a retried Idempotency-Key, even after later writes', async () => {
    const first = await executor.execute(setBudget(40, { idempotencyKey: 'k2' }));
    await executor.execute(setBudget(50));
    const retry = await executor.execute(setBudget(40, { idempotencyKey: 'k2', commandId: randomUUID() }));
    expect(retry).toEqual(first);
    expect(await store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(3);
  });

  it('answers with what a concurrent request with the same Idempotency-Key appended when that one won the race', async () => {
    store.races = 1; // the racer appends the same command's event, carrying the same key (RacingStore copies it)
    const result = await executor.execute(setBudget(40, { idempotencyKey: 'k4' }));
    const stream = await store.readStream('musterstadt', `unit-${unitId}`);
    expect(stream.map((event) => event.version)).toEqual([1, 2]);
    expect(result).toEqual({
      streamId: `unit-${unitId}`,
      version: 2,
      position: stream[1].position,
      events: [{ eventId: stream[1].eventId, type: 'StaffTimeBudgetSet' }],
    });
  });

  it('refuses a reused Idempotency-Key with another command body', async () => {
    await executor.execute(setBudget(40, { idempotencyKey: 'k3' }));
    await expect(executor.execute(setBudget(41, { idempotencyKey: 'k3' }))).rejects.toMatchObject({
      kind: 'key_reused',
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
  });

  it('refuses a reused Idempotency-Key with the same command at another business time, and answers a retry that states the same time', async () => {
    const monday = new Date('2026-03-02T08:00:00Z');
    const first = await executor.execute(setBudget(40, { idempotencyKey: 'k5', occurredAt: monday }));
    await expect(
      executor.execute(setBudget(40, { idempotencyKey: 'k5', occurredAt: new Date('2026-03-02T08:00:01Z') })),
    ).rejects.toMatchObject({ kind: 'key_reused', code: 'IDEMPOTENCY.KEY_REUSED' });
    await expect(executor.execute(setBudget(40, { idempotencyKey: 'k5' }))).rejects.toMatchObject({
      kind: 'key_reused',
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
    expect(await executor.execute(setBudget(40, { idempotencyKey: 'k5', occurredAt: new Date(monday) }))).toEqual(
      first,
    );
  });

  it('lets the key of a refused command go, so the corrected request may use it, and keeps that one', async () => {
    const unknownUnit = envelope(
      { type: 'SetStaffTimeBudget', data: { unitId: randomUUID(), period: '2026-05', hours: 40 } },
      { idempotencyKey: 'k7' },
    );
    await expect(executor.execute(unknownUnit)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(executor.execute(setBudget(40, { idempotencyKey: 'k7' }))).resolves.toMatchObject({ version: 2 });
    await expect(executor.execute(setBudget(41, { idempotencyKey: 'k7' }))).rejects.toMatchObject({
      kind: 'key_reused',
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
  });

  it('keeps the key when the store failed: the command may have been appended, and its retry must find it', async () => {
    store.append = async () => {
      throw new StoreUnavailableError('connection lost after COMMIT, or before it');
    };
    await expect(executor.execute(setBudget(40, { idempotencyKey: 'k8' }))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(executor.execute(setBudget(41, { idempotencyKey: 'k8' }))).rejects.toMatchObject({
      kind: 'key_reused',
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
  });

  it('rejects a business time more than five minutes ahead, and accepts one just inside', async () => {
    const inside = new Date(NOW.getTime() + 5 * 60_000);
    await expect(executor.execute(setBudget(1, { occurredAt: inside }))).resolves.toMatchObject({ version: 2 });
    const outside = new Date(NOW.getTime() + 5 * 60_000 + 1);
    await expect(executor.execute(setBudget(1, { occurredAt: outside }))).rejects.toBeInstanceOf(CommandRejected);
  });

  it('lets domain errors through unchanged for the HTTP layer to map', async () => {
    await expect(executor.execute(registerUnit)).rejects.toMatchObject({
      constructor: DomainError,
      code: 'UNIT.ALREADY_REGISTERED',
    });
  });
});

describe('CommandExecutor with its decision cache', () => {
  const stream = `unit-${unitId}`;
  let store: InMemoryEventStore;
  let executor: CommandExecutor;
  let readFrom: (number | undefined)[];

  beforeEach(async () => {
    store = new InMemoryEventStore(() => NOW);
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), inMemoryCodec(), {
      clock: () => NOW,
      decisions: new DecisionCache(2),
    });
    const read = store.readStream.bind(store);
    readFrom = [];
    jest.spyOn(store, 'readStream').mockImplementation((tenant, streamId, options) => {
      readFrom.push(options?.fromVersion);
      return read(tenant, streamId, options);
    });
    await executor.execute(registerUnit);
  });

  it("appends without reading when it decided the stream's last command", async () => {
    const first = await executor.execute(setBudget(40));
    const second = await executor.execute(setBudget(50));
    expect([first.version, second.version]).toEqual([2, 3]);
    expect(readFrom).toEqual([undefined]);
    expect((await store.readStream('musterstadt', stream)).map((event) => event.data)).toMatchObject([
      {},
      { hours: 40 },
      { hours: 50 },
    ]);
  });

  it('confirms a rejection on the cached state by reading what came after it, and still decides on the whole history', async () => {
    await executor.execute(setBudget(40));
    await expect(executor.execute(registerUnit)).rejects.toMatchObject({ code: 'UNIT.ALREADY_REGISTERED' });
    expect(readFrom).toEqual([undefined, 3]);
  });

  it('reads before deciding when If-Match names another version than the cached one', async () => {
    await expect(executor.execute(setBudget(40, { expectedVersion: 2 }))).rejects.toMatchObject({
      kind: 'version_mismatch',
      code: 'COMMAND.VERSION_MISMATCH',
    });
    expect(readFrom).toEqual([undefined, 2]);
    await expect(executor.execute(setBudget(40, { expectedVersion: 1 }))).resolves.toMatchObject({ version: 2 });
  });

  it('decides on what other writers appended since, and appends after it', async () => {
    await store.append('musterstadt', stream, [{ ...anEventFrom(setBudget(10)), eventId: randomUUID() }], 1);
    const result = await executor.execute(setBudget(40));
    expect(result.version).toBe(3);
    expect(readFrom).toEqual([undefined, 2]);
    expect((await store.readStream('musterstadt', stream)).map((event) => event.version)).toEqual([1, 2, 3]);
  });

  it('reads the whole stream again after a lost race, and for a retried Idempotency-Key', async () => {
    const racing = new RacingStore(() => NOW);
    const cached = new CommandExecutor(racing, new InMemoryIdempotencyStore(), inMemoryCodec(), { clock: () => NOW });
    await cached.execute(registerUnit);
    racing.races = 2; // one against the cached state, one against the state read after it
    const spy = jest.spyOn(racing, 'readStream');
    expect((await cached.execute(setBudget(40))).version).toBe(4);
    expect(spy.mock.calls.map(([, , options]) => options?.fromVersion)).toEqual([2, undefined]);

    const first = await executor.execute(setBudget(40, { idempotencyKey: 'k1' }));
    readFrom = [];
    expect(await executor.execute(setBudget(40, { idempotencyKey: 'k1', commandId: randomUUID() }))).toEqual(first);
    expect(readFrom).toEqual([undefined]);
  });

  it('keeps a bounded number of streams, the least recently commanded dropping out first', async () => {
    const other = (id: string) =>
      envelope({ type: 'RegisterUnit', data: { unitId: id, name: id, isContactPoint: false } });
    await executor.execute(other('0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b01'));
    await executor.execute(other('0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b02'));
    readFrom = [];
    await executor.execute(setBudget(40));
    expect(readFrom).toEqual([undefined]);
  });
});

/** The event a command would append, for writing it past the executor. */
function anEventFrom(command: CommandEnvelope): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'StaffTimeBudgetSet',
    schemaVersion: 1,
    data: command.command.data as Record<string, unknown>,
    occurredAt: NOW,
    metadata: { actor: command.actor, correlationId: command.correlationId, causationId: command.commandId },
  };
}

describe('CommandExecutor: who decides, under which rules', () => {
  const fundId = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a05';

  it("hands the decider the token subject and the tenant's rules, on the cached path and the reading one", async () => {
    const store = new InMemoryEventStore(() => NOW);
    const strict = new CommandExecutor(store, new InMemoryIdempotencyStore(), inMemoryCodec(), {
      clock: () => NOW,
      tenantRules: (tenant) => ({ fourEyesThresholdCents: tenant === 'musterstadt' ? 100 : 1_000_000 }),
    });
    await strict.execute(
      envelope({ type: 'OpenFund', data: { fundId, name: 'Fonds', year: 2026, budgetCents: 10_000 } }),
    );
    for (const applicationId of ['a1', 'a2'])
      await strict.execute(
        envelope({
          type: 'ReceiveApplication',
          data: { fundId, applicationId, caseId: 'c1', amountRequestedCents: 500 },
        }),
      );
    const award = (applicationId: string, amountCents: number) =>
      envelope({ type: 'AwardGrant', data: { fundId, applicationId, amountCents, proofDueOn: '2026-12-31' } });
    expect((await strict.execute(award('a1', 100))).events.map((e) => e.type)).toEqual(['GrantAwardProposed']);
    expect((await strict.execute(award('a2', 99))).events.map((e) => e.type)).toEqual(['GrantAwarded']);
    const [proposed] = (await store.readStream('musterstadt', `fund-${fundId}`)).filter(
      (e) => e.type === 'GrantAwardProposed',
    );
    expect(proposed.data.proposedBy).toBe('clerk-1');
    const confirm = (subject: string) =>
      envelope(
        { type: 'ConfirmGrantAward', data: { fundId, applicationId: 'a1' } },
        { actor: { subject, role: 'clerk' } },
      );
    await expect(strict.execute(confirm('clerk-1'))).rejects.toMatchObject({ code: 'FUND.FOUR_EYES_SAME_PERSON' });
    // A fresh executor decides on state it reads from the store.
    const fresh = new CommandExecutor(store, new InMemoryIdempotencyStore(), inMemoryCodec(), { clock: () => NOW });
    await expect(fresh.execute(confirm('clerk-1'))).rejects.toMatchObject({ code: 'FUND.FOUR_EYES_SAME_PERSON' });
    expect((await fresh.execute(confirm('clerk-2'))).events.map((e) => e.type)).toEqual(['GrantAwarded']);
  });
});
