import { createTestDatabase, createTestEventStore, TestDatabase } from '../../../../test/support/postgres';
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
