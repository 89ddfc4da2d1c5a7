import { randomUUID } from 'node:crypto';
import { createTestEventStore, TestDatabase } from '@koproduktiv/test-support/postgres';
import { InMemoryEventStore } from '../in-memory';
import type { Checkpoint, EventStore, GlobalEvent } from '../port';
import { appendInTransaction, PostgresEventStore } from '../postgres';
import { aStreamId, events } from '../testing';
import { ReplayedEvent, replayReader } from './replay-reader';

const lean = ({ tenant, type, data, occurredAt, position }: ReplayedEvent) => ({
  tenant,
  type,
  data,
  occurredAt: occurredAt.toISOString(),
  position,
});

async function readAllPages(store: EventStore, maxCount: number) {
  const read: GlobalEvent[] = [];
  let after: Checkpoint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount });
    if (!page.events.length) return { events: read.map(lean), last: read.at(-1) };
    read.push(...page.events);
    after = page.checkpoint;
  }
}

async function replayPages(store: EventStore, maxCount: number) {
  const read = replayReader(store);
  const replayed: ReplayedEvent[] = [];
  const pageSizes: number[] = [];
  let end;
  for (;;) {
    const before = replayed.length;
    const pageEnd = await read(end?.checkpoint, maxCount, (event) => replayed.push(event));
    if (!pageEnd) break;
    pageSizes.push(replayed.length - before);
    end = pageEnd;
  }
  return { events: replayed.map(lean), end, pageSizes };
}

describe('replayReader', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    for (let i = 0; i < 12; i += 1)
      await store.append(i % 3 ? 't1' : 't2', aStreamId(), events(1 + (i % 4)), 'no_stream');
  });
  afterAll(() => db.drop());

  it('hands out what readAll hands out on PostgreSQL, in the same order, ending at the same checkpoint', async () => {
    const expected = await readAllPages(store, 5);
    const replayed = await replayPages(store, 5);
    expect(replayed.events).toEqual(expected.events);
    expect(replayed.end).toEqual({
      checkpoint: expected.last?.checkpoint,
      position: expected.last?.position,
      recordedAt: expected.last?.recordedAt,
    });
  });

  it('stops, as readAll does, below a transaction still running, and goes on once it commits', async () => {
    const slow = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      await appendInTransaction(slow, 't1', aStreamId(), events(2), 'no_stream');
      await store.append('t1', aStreamId(), events(3), 'no_stream');
      expect((await replayPages(store, 4)).events).toEqual((await readAllPages(store, 4)).events);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const after = await replayPages(store, 4);
    expect(after.events).toEqual((await readAllPages(store, 4)).events);
    expect(after.events).toHaveLength(12 * 2.5 + 5);
  });

  it('hands out at most maxCount events per call, and what it ends at is the last one handed out', async () => {
    const replayed = await replayPages(store, 4);
    expect(replayed.pageSizes.every((size) => size >= 1 && size <= 4)).toBe(true);
    expect(replayed.pageSizes.filter((size) => size < 4).length).toBeLessThanOrEqual(1);
    expect(replayed.end?.position).toBe(replayed.events.at(-1)?.position);
  });

  it('rejects with the error a visit throws, visits nothing after it, and leaves the store readable', async () => {
    const read = replayReader(store);
    const visited: number[] = [];
    const failure = new Error('fold failed');
    await expect(
      read(undefined, 10, (event) => {
        visited.push(event.position);
        if (visited.length === 3) throw failure;
      }),
    ).rejects.toBe(failure);
    expect(visited).toHaveLength(3);
    expect((await replayPages(store, 10)).events).toEqual((await readAllPages(store, 10)).events);
  });

  it('rejects when PostgreSQL refuses the page, and leaves the store readable', async () => {
    const visited: ReplayedEvent[] = [];
    await expect(replayReader(store)(undefined, -1, (event) => visited.push(event))).rejects.toThrow(
      /LIMIT must not be negative/,
    );
    expect(visited).toEqual([]);
    expect((await replayPages(store, 10)).events).toEqual((await readAllPages(store, 10)).events);
  });

  it('reads any other store through the port', async () => {
    const memory = new InMemoryEventStore();
    await memory.append('t1', `case-${randomUUID()}`, events(7), 'no_stream');
    expect((await replayPages(memory, 3)).events).toEqual((await readAllPages(memory, 3)).events);
  });
});
