import type { PoolClient } from 'pg';
import { GlobalEvent, PostgresEventStore } from '@koproduktiv/event-store';
import { aStreamId, events } from '@koproduktiv/event-store/testing';
import { createTestEventStore, TestDatabase } from '@koproduktiv/test-support/postgres';
import { Processor } from './processor';
import { ProcessorRunner } from './processor-runner';

/** Counts every event it sees into a table, once per event id if all goes well. */
class CountingProjection implements Processor {
  failAfterWrites: number | undefined;
  constructor(readonly name: string) {}

  async prepare(client: PoolClient) {
    await client.query(`CREATE TABLE IF NOT EXISTS seen_${this.name} (event_id uuid, position bigint)`);
  }

  async handle(batch: readonly GlobalEvent[], tx: PoolClient) {
    for (const event of batch) {
      await tx.query(`INSERT INTO seen_${this.name} VALUES ($1, $2)`, [event.eventId, event.position]);
      if (this.failAfterWrites !== undefined && --this.failAfterWrites < 0) {
        this.failAfterWrites = undefined;
        throw new Error('injected failure between effect and checkpoint');
      }
    }
  }
}

describe('ProcessorRunner', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    for (let i = 0; i < 10; i += 1) await store.append('t1', aStreamId(), events(25), 'no_stream');
  });
  afterAll(() => db.drop());

  const seen = async (name: string) =>
    (
      await db.pool.query<{ n: string; distinct_n: string }>(
        `SELECT count(*) n, count(DISTINCT event_id) distinct_n FROM seen_${name}`,
      )
    ).rows[0];

  it('projects every event exactly once when a batch fails between its effect and its checkpoint', async () => {
    const projection = new CountingProjection('crashy');
    projection.failAfterWrites = 130; // fails in the middle of the third batch of 50
    const runner = new ProcessorRunner(store, db.pool, projection, { batchSize: 50, idleMs: 5, retryMs: 5 });
    runner.start();
    await waitFor(async () => runner.status().caughtUp && Number((await seen('crashy')).n) >= 250);
    await runner.stop();
    expect(await seen('crashy')).toEqual({ n: '250', distinct_n: '250' });
    expect(runner.status()).toMatchObject({ position: expect.any(Number), active: false });
  });

  it('moves its checkpoint past records the store skipped, so the next read starts after them', async () => {
    const asked: (string | undefined)[] = [];
    /** A store whose global order holds, after our events, only records that are not ours (as KurrentDB's system records). */
    const skipping = Object.create(store) as PostgresEventStore;
    skipping.readAll = async (options) => {
      asked.push(options.after);
      if (options.after === 'past-skipped') return { events: [], checkpoint: options.after };
      const page = await store.readAll(options);
      return page.events.length ? page : { events: [], checkpoint: 'past-skipped' };
    };
    const runner = new ProcessorRunner(skipping, db.pool, new CountingProjection('skipping'), { batchSize: 1000 });
    await runner.catchUp();
    await runner.catchUp();
    expect(asked.at(-1)).toBe('past-skipped');
    expect(await seen('skipping')).toEqual({ n: '250', distinct_n: '250' });
  });

  it('lets only one of two runners of the same processor be active', async () => {
    const first = new ProcessorRunner(store, db.pool, new CountingProjection('single'), {
      batchSize: 20,
      idleMs: 5,
      retryMs: 20,
    });
    const second = new ProcessorRunner(store, db.pool, new CountingProjection('single'), {
      batchSize: 20,
      idleMs: 5,
      retryMs: 20,
    });
    first.start();
    second.start();
    await waitFor(async () => Number((await seen('single').catch(() => ({ n: '0' }))).n) >= 250);
    expect([first.status().active, second.status().active].filter(Boolean)).toHaveLength(1);
    await first.stop();
    await store.append('t1', aStreamId(), events(5), 'no_stream');
    await waitFor(async () => Number((await seen('single')).n) >= 255); // the stand-by took over
    expect(second.status().active).toBe(true);
    await second.stop();
    expect(await seen('single')).toEqual({ n: '255', distinct_n: '255' });
  });

  it('resumes after its connection is killed mid-batch without losing or repeating an event', async () => {
    const projection = new CountingProjection('killed');
    const runner = new ProcessorRunner(store, db.pool, projection, { batchSize: 10, idleMs: 5, retryMs: 10 });
    const original = projection.handle.bind(projection);
    let batches = 0;
    projection.handle = async (batch, tx) => {
      await original(batch, tx);
      if (++batches === 3) {
        // The database ends the runner's session while the batch's transaction is open.
        await db.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'idle in transaction'`,
        );
      }
    };
    runner.start();
    await waitFor(async () => Number((await seen('killed')).n) >= 255 && runner.status().caughtUp);
    await runner.stop();
    expect(await seen('killed')).toEqual({ n: '255', distinct_n: '255' });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
