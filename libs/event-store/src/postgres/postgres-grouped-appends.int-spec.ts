import { turnEnd, TurnStage } from '@koproduktiv/platform';
import { createTestEventStore, TestDatabase } from '@koproduktiv/test-support/postgres';
import { waitFor } from '@koproduktiv/test-support/wait-for';
import { verifyStream } from '../hash-chain';
import { StoreUnavailableError, UnstorableEventError, WrongExpectedVersionError } from '../port';
import { aStreamId, anEvent, events } from '../testing';
import { PostgresEventStore } from './postgres-event-store';

/** Appends at known tips that meet in time go out as one statement: one transaction, one commit. */
describe('PostgreSQL appends grouped into one statement', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
  });
  afterAll(() => db.drop());

  /** Streams of two events each, read back so that the store knows their tips. */
  async function streamsAtKnownTips(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => aStreamId());
    for (const id of ids) await store.append('t1', id, events(2), 'no_stream');
    for (const id of ids) await store.readStream('t1', id);
    return ids;
  }

  const transactionsOf = async (ids: readonly string[], fromVersion: number) =>
    Number(
      (
        await db.pool.query(
          'SELECT count(DISTINCT transaction_id) AS n FROM kp_events WHERE tenant = $1 AND stream_id = ANY($2) AND version >= $3',
          ['t1', ids, fromVersion],
        )
      ).rows[0].n,
    );

  it('appends to many streams in one transaction, each in order and on its hash chain', async () => {
    const ids = await streamsAtKnownTips(20);
    const results = await Promise.all(ids.map((id, i) => store.append('t1', id, events(1 + (i % 3)), 2)));
    expect(results.map((r) => r.version)).toEqual(ids.map((_, i) => 3 + (i % 3)));
    expect(await transactionsOf(ids, 3)).toBeLessThan(ids.length);
    for (const [i, id] of ids.entries()) {
      const stream = await store.readStream('t1', id);
      expect(stream.map((e) => e.version)).toEqual([1, 2, 3, 4, 5].slice(0, 3 + (i % 3)));
      expect(stream.slice(2).map((e) => e.position)).toEqual(results[i].events.map((e) => e.position));
      expect(verifyStream(id, stream)).toBeUndefined();
    }
  });

  it("sends appends whose data the turn's Prepare stage finished (sealing) in that same turn, as one group", async () => {
    const ids = await streamsAtKnownTips(8);
    const seen: string[] = [];
    const query = store.pool.query.bind(store.pool) as (...args: unknown[]) => unknown;
    const spy = jest.spyOn(store.pool, 'query').mockImplementation(((...args: unknown[]) => {
      if ((args[0] as { name?: string }).name === 'kp_append_batch') seen.push('group sent');
      return query(...args);
    }) as never);
    let marked = false;
    const markNextTurn = () => void (marked || ((marked = true), setImmediate(() => seen.push('next turn'))));
    try {
      const prepared = ids.map(
        () => new Promise<void>((resolve) => turnEnd.schedule(TurnStage.Prepare, () => (markNextTurn(), resolve()))),
      );
      await Promise.all(ids.map(async (id, i) => (await prepared[i], store.append('t1', id, events(1), 2))));
    } finally {
      spy.mockRestore();
    }
    expect(seen.slice(0, 2)).toEqual(['group sent', 'next turn']);
    expect(await transactionsOf(ids, 3)).toBe(1);
  });

  it('reports a stream that moved as a conflict and still appends the others of its group', async () => {
    const ids = await streamsAtKnownTips(6);
    await db.pool.query(`UPDATE kp_streams SET version = 7 WHERE tenant = 't1' AND stream_id = $1`, [ids[2]]);
    const outcomes = await Promise.allSettled(ids.map((id) => store.append('t1', id, events(1), 2)));
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const conflict = (outcomes[2] as PromiseRejectedResult).reason;
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ expected: 2, actual: 7 });
    for (const id of ids.filter((_, i) => i !== 2)) expect(await store.streamVersion('t1', id)).toBe(3);
  });

  it('creates new streams in one group, and reports the one that exists to its no_stream append', async () => {
    const [existing] = await streamsAtKnownTips(1);
    const ids = [aStreamId(), aStreamId(), existing, aStreamId()];
    const outcomes = await Promise.allSettled(
      ids.map((id, i) => store.append('t1', id, events(1), i % 2 ? 0 : 'no_stream')),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ expected: 'no_stream', actual: 2 });
    expect(
      await transactionsOf(
        ids.filter((id) => id !== existing),
        1,
      ),
    ).toBeLessThan(3);
    for (const id of ids.filter((id) => id !== existing))
      expect(verifyStream(id, await store.readStream('t1', id))).toBeUndefined();
  });

  it('lets only one of two appends at the same tip of one stream win', async () => {
    const [id] = await streamsAtKnownTips(1);
    const outcomes = await Promise.allSettled([
      store.append('t1', id, events(1), 2),
      store.append('t1', id, events(1), 2),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: expect.any(WrongExpectedVersionError),
    });
    expect((await store.readStream('t1', id)).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  /** Locks the stream's row in a transaction of its own until `release` (commit) is called. */
  async function holdStream(id: string): Promise<{ release: () => Promise<void> }> {
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM kp_streams WHERE tenant = 't1' AND stream_id = $1 FOR UPDATE`, [id]);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await holder.query('COMMIT').finally(() => holder.release());
      },
    };
  }

  it('does not let a stream locked elsewhere hold up the rest of its group for more than two seconds', async () => {
    const ids = await streamsAtKnownTips(3);
    const held = await holdStream(ids[1]);
    try {
      const settled: string[] = [];
      const appends = ids.map((id) => store.append('t1', id, events(1), 2).then(() => settled.push(id)));
      await Promise.all([appends[0], appends[2]]);
      expect(settled.sort()).toEqual([ids[0], ids[2]].sort()); // the held stream's append still waits
      await held.release();
      await appends[1];
    } finally {
      await held.release();
    }
    expect(await Promise.all(ids.map((id) => store.streamVersion('t1', id)))).toEqual([3, 3, 3]);
  }, 15_000);

  it('fails every append of a group whose connection is lost as unavailable, and stores none of them', async () => {
    const ids = await streamsAtKnownTips(3);
    const held = await holdStream(ids[2]);
    const waiting = `SELECT pid FROM pg_stat_activity WHERE query LIKE '%kp_append_batch%' AND wait_event_type = 'Lock'`;
    try {
      const outcomes = Promise.allSettled(ids.map((id) => store.append('t1', id, events(1), 2)));
      // The group waits for the held stream; its connection is ended under it.
      await waitFor(async () => (await db.pool.query(waiting)).rowCount === 1);
      await db.pool.query(`SELECT pg_terminate_backend(pid) FROM (${waiting}) w`);
      const settled = await outcomes;
      expect(settled.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const o of settled) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await held.release();
    }
    expect(await Promise.all(ids.map((id) => store.streamVersion('t1', id)))).toEqual([2, 2, 2]);
  });

  it('fails only the append the database refuses; the rest of its group is stored', async () => {
    const ids = await streamsAtKnownTips(4);
    const unstorable = anEvent({ data: { text: 'nul \u0000 inside' } });
    const outcomes = await Promise.allSettled(
      ids.map((id, i) => store.append('t1', id, i === 1 ? [unstorable] : events(1), 2)),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(UnstorableEventError);
    expect(await Promise.all(ids.map((id) => store.streamVersion('t1', id)))).toEqual([3, 2, 3, 3]);
    // The refused stream's tip is read again, and the next append to it goes through.
    await store.readStream('t1', ids[1]);
    await expect(store.append('t1', ids[1], events(1), 2)).resolves.toMatchObject({ version: 3 });
  });
});
