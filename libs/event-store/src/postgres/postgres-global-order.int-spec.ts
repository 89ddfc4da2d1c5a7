import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { createTestDatabase, createTestEventStore, TestDatabase } from '@koproduktiv/test-support/postgres';
import { aStreamId, drain, events } from '../testing';
import { migrate } from './migrations';
import { appendInTransaction, PostgresEventStore } from './postgres-event-store';

describe('PostgreSQL global order', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
  });
  afterAll(() => db.drop());

  it('delivers an append whose transaction started earlier but committed later, in commit-safe order', async () => {
    const before = await drain(store);
    const slow = await db.pool.connect();
    const early = aStreamId();
    const late = aStreamId();
    try {
      await slow.query('BEGIN');
      const slowAppend = await appendInTransaction(slow, 't1', early, events(1), 'no_stream');
      const fastAppend = await store.append('t1', late, events(1), 'no_stream');
      expect(slowAppend.position).toBeLessThan(fastAppend.position);

      // The committed later append must wait: delivering it now would put the checkpoint past
      // the earlier one, which would then never be read.
      const whileOpen = await drain(store, before.checkpoint);
      expect(whileOpen.events).toEqual([]);

      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const after = await drain(store, before.checkpoint);
    expect(after.events.map((e) => e.streamId)).toEqual([early, late]);
  });

  it('is not stalled by a transaction that rolls back', async () => {
    const before = await drain(store);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await appendInTransaction(client, 't1', aStreamId(), events(1), 'no_stream');
      const committed = await store.append('t1', aStreamId(), events(1), 'no_stream');
      await client.query('ROLLBACK');
      const after = await drain(store, before.checkpoint);
      expect(after.events.map((e) => e.eventId)).toEqual(committed.events.map((e) => e.eventId));
    } finally {
      client.release();
    }
  });

  it('is not held back by a transaction left open in another database of the same server', async () => {
    const before = await drain(store);
    const stranger = await createTestDatabase('kp_stranger');
    const open = await stranger.pool.connect();
    try {
      await open.query('BEGIN');
      await open.query('CREATE TABLE elsewhere (n int)'); // a write: the transaction has its id, older than the append below
      const {
        rows: [{ xid }],
      } = await open.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const committed = await store.append('t1', aStreamId(), events(2), 'no_stream');
      const read = await drain(store, before.checkpoint);
      expect(read.events.map((e) => e.eventId)).toEqual(committed.events.map((e) => e.eventId));
      const {
        rows: [snapshot],
      } = await db.pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      expect(BigInt(snapshot.xmin)).toBeLessThanOrEqual(BigInt(xid)); // the server-wide horizon is held back by the stranger (or older ones)
    } finally {
      await open.query('ROLLBACK');
      open.release();
      await stranger.drop();
    }
  });

  it('tells a stranger apart also when it reads as an ordinary role without monitoring privileges', async () => {
    const role = `kp_reader_${randomUUID().slice(0, 8)}`;
    const password = randomUUID();
    await db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await db.pool.query(`GRANT SELECT ON kp_events TO ${role}`);
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    const readerPool = new Pool({ connectionString: url.toString(), max: 1 });
    const stranger = await createTestDatabase('kp_stranger');
    const open = await stranger.pool.connect();
    try {
      const before = await drain(store);
      await open.query('BEGIN');
      await open.query('CREATE TABLE elsewhere (n int)');
      const committed = await store.append('t1', aStreamId(), events(1), 'no_stream');
      const read = await drain(new PostgresEventStore(readerPool), before.checkpoint);
      expect(read.events.map((e) => e.eventId)).toEqual(committed.events.map((e) => e.eventId));
    } finally {
      await open.query('ROLLBACK');
      open.release();
      await stranger.drop();
      await readerPool.end();
      await db.pool.query(`REVOKE ALL ON kp_events FROM ${role}`);
      await db.pool.query(`DROP ROLE ${role}`);
    }
  });

  it('waits for a transaction of its own database that has its id but appends only later', async () => {
    const before = await drain(store);
    const slow = await db.pool.connect();
    const early = aStreamId();
    const late = aStreamId();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()'); // its id is older than the append below, though it has not appended yet
      await store.append('t1', late, events(1), 'no_stream');
      expect((await drain(store, before.checkpoint)).events).toEqual([]);
      await appendInTransaction(slow, 't1', early, events(1), 'no_stream');
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const after = await drain(store, before.checkpoint);
    expect(after.events.map((e) => e.streamId)).toEqual([early, late]);
  });

  it('delivers every committed event exactly once while appends commit out of order in two databases', async () => {
    const before = await drain(store);
    const stranger = await createTestDatabase('kp_stranger');
    await stranger.pool.query('CREATE TABLE elsewhere (n int)');
    const appended: string[] = [];
    const seen: string[] = [];
    let checkpoint = before.checkpoint;
    let appending = true;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const reader = (async () => {
      for (let quietRounds = 0; appending || quietRounds < 2;) {
        const page = await store.readAll({ after: checkpoint, maxCount: 7 });
        seen.push(...page.events.map((e) => e.eventId));
        checkpoint = page.checkpoint;
        quietRounds = !appending && page.events.length === 0 ? quietRounds + 1 : 0;
        await sleep(1);
      }
    })();
    const inTransaction = async (pool: Pool, work: (client: PoolClient) => Promise<void>, rollback: boolean) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work(client);
        await sleep(Math.random() * 30);
        await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
      } finally {
        client.release();
      }
    };
    const writers = Array.from({ length: 40 }, async (_, i) => {
      await sleep(Math.random() * 40);
      if (i % 5 === 0)
        return inTransaction(
          stranger.pool,
          (c) => c.query('INSERT INTO elsewhere VALUES (1)').then(() => undefined),
          false,
        );
      const rollback = i % 7 === 0;
      const batch = events(1 + (i % 3));
      await inTransaction(
        db.pool,
        (c) => appendInTransaction(c, 't1', aStreamId(), batch, 'no_stream').then(() => undefined),
        rollback,
      );
      if (!rollback) appended.push(...batch.map((e) => e.eventId));
    });
    await Promise.all(writers);
    appending = false;
    await reader;
    await stranger.drop();
    expect(seen.sort()).toEqual(appended.sort());
  });

  it('orders by transaction id as a number, also where its decimal digits grow (9 before 10)', async () => {
    // Rows with chosen transaction ids, far below any running transaction, so they are all visible.
    const fresh = await createTestDatabase();
    try {
      await migrate(fresh.pool);
      const insert = (transactionId: number, version: number) =>
        fresh.pool.query(
          `INSERT INTO kp_events (transaction_id, tenant, stream_id, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
           VALUES ($1::text::xid8, 't1', 'case-x', $2, gen_random_uuid(), 'E', 1, '{}', '{}', now(), now(), 'h')`,
          [transactionId, version],
        );
      await insert(9, 1);
      await insert(10, 2);
      await insert(100, 3);
      const all = await drain(new PostgresEventStore(fresh.pool), undefined, 1);
      expect(all.events.map((e) => e.version)).toEqual([1, 2, 3]);
    } finally {
      await fresh.drop();
    }
  });

  it('migrates idempotently when several instances start at once', async () => {
    await Promise.all([migrate(db.pool), migrate(db.pool), migrate(db.pool)]);
    const { rows } = await db.pool.query('SELECT version FROM kp_schema_migrations');
    const versions = rows.map((row) => row.version).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, index) => index + 1)); // each migration applied once
  });
});
