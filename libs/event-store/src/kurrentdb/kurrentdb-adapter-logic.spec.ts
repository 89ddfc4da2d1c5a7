import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { aStreamId, drain, eventStoreContract, events } from '../testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { FakeKurrentDbClient } from './testing/fake-kurrentdb-client';

const overFake = (fake: FakeKurrentDbClient, categories = ['case', 'fund']) =>
  new KurrentDbEventStore(fake as unknown as KurrentDBClient, { categories });

// The adapter's own logic (hash chain, 1-based versions over 0-based revisions, retries of `any`,
// paging of $all) against an in-process fake with KurrentDB's documented semantics. The same suite
// against a real server is kurrentdb-event-store.spec.ts.
eventStoreContract('KurrentDB adapter over a fake client (adapter logic only, no server)', async () =>
  overFake(new FakeKurrentDbClient()),
);

describe('KurrentDB adapter over a fake client', () => {
  it("reads $all without other applications' streams or system streams, and still advances past them", async () => {
    const fake = new FakeKurrentDbClient();
    const store = overFake(fake);
    fake.writeForeign('$stats-127.0.0.1:2113', '$statsCollected');
    fake.writeForeign('case-123', 'SomeoneElsesCase');
    const ours = await store.append('musterstadt', aStreamId(), events(2), 'no_stream');
    fake.writeForeign('case-456');
    const theirs = await store.append('musterstadt', aStreamId('unit'), events(1), 'no_stream');
    const mine = await store.append('nachbarort', aStreamId('fund'), events(1), 'no_stream');
    const all = await drain(store, undefined, 1);
    expect(all.events.map((e) => e.eventId)).toEqual([...ours.events, ...mine.events].map((e) => e.eventId));
    expect(all.events.map((e) => e.streamId)).not.toContain(theirs.streamId);
  });

  it('stores nothing when the expectation fails before the write, and writes once per attempt that wins', async () => {
    const fake = new FakeKurrentDbClient();
    const store = overFake(fake);
    const stream = aStreamId();
    await store.append('t', stream, events(1), 'no_stream');
    await expect(store.append('t', stream, events(1), 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 1,
    });
    expect(fake.appends).toBe(1);
  });

  it('reports a conflict the server found (a writer came between tip read and append) with the actual version', async () => {
    const fake = new FakeKurrentDbClient();
    const store = overFake(fake);
    const stream = aStreamId();
    await store.append('t', stream, events(2), 'no_stream');
    const [a, b] = await Promise.allSettled([
      store.append('t', stream, events(1), 2),
      store.append('t', stream, events(3), 2),
    ]);
    const lost = [a, b].find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost?.reason).toMatchObject({ name: 'WrongExpectedVersionError', expected: 2 });
    expect([3, 5]).toContain(lost?.reason.actual);
  });

  it('refuses a checkpoint of the PostgreSQL store loudly', async () => {
    await expect(overFake(new FakeKurrentDbClient()).readAll({ after: '123/45', maxCount: 10 })).rejects.toThrow(
      'Not a KurrentDB event store checkpoint',
    );
  });
});
