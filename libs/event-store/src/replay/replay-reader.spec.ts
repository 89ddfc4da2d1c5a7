import { randomUUID } from 'node:crypto';
import { createTestEventStore, TestDatabase } from '../../../../test/support/postgres';
import { InMemoryEventStore } from '../in-memory';
import type { Checkpoint, EventStore, GlobalEvent } from '../port';
import { appendInTransaction, PostgresEventStore } from '../postgres';
import { aStreamId, events } from '../testing';
import { ReplayedEvent, replayReader } from './replay-reader';

const lean = ({ tenant, type, data, occurredAt, position }: ReplayedEvent) => ({ tenant, type, data, occurredAt: occurredAt.toISOString(), position });

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
  let end;
  for (let page = await read(undefined, maxCount); page.end; page = await read(page.end.checkpoint, maxCount)) {
    replayed.push(...page.events);
    end = page.end;
  }
  return { events: replayed.map(lean), end };
}

describe('replayReader', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    for (let i = 0; i < 12; i += 1) await store.append(i % 3 ? 't1' : 't2', aStreamId(), events(1 + (i % 4)), 'no_stream');
  });
  afterAll(() => db.drop());

  it('hands out what readAll hands out on PostgreSQL, in the same order, ending at the same checkpoint', async () => {
    const expected = await readAllPages(store, 5);
    const replayed = await replayPages(store, 5);
    expect(replayed.events).toEqual(expected.events);
    expect(replayed.end).toEqual({ checkpoint: expected.last?.checkpoint, position: expected.last?.position, recordedAt: expected.last?.recordedAt });
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

  it('reads any other store through the port', async () => {
    const memory = new InMemoryEventStore();
    await memory.append('t1', `case-${randomUUID()}`, events(7), 'no_stream');
    expect((await replayPages(memory, 3)).events).toEqual((await readAllPages(memory, 3)).events);
  });
});
