import { DatabaseError, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { waitFor } from '@koproduktiv/test-support/wait-for';
import { createPool, refusedByServer } from './pool';

describe('createPool on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(() => {
    pool = createPool({ connectionString: db.url, max: 1, onError: () => undefined });
  });
  afterEach(() => pool.end());
  afterAll(() => db.drop());

  const backend = async () => (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;

  it('keeps its connection when the server refuses a statement', async () => {
    const before = await backend();
    await expect(pool.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await expect(
      pool.query({ name: 'conflict', text: `DO $$ BEGIN RAISE EXCEPTION 'moved' USING ERRCODE = 'KP409'; END $$` }),
    ).rejects.toMatchObject({ code: 'KP409' });
    expect(await backend()).toBe(before);
  });

  it('drops a connection that the server ends under a query, and answers the next query on a new one', async () => {
    const before = await backend();
    const sleeping = pool.query('SELECT pg_sleep(10)');
    await waitFor(
      async () =>
        (
          await db.pool.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%'`, [
            before,
          ])
        ).rows[0].n === '1',
    );
    await db.pool.query('SELECT pg_terminate_backend($1)', [before]);
    await expect(sleeping).rejects.toBeDefined();
    expect(await backend()).not.toBe(before);
  });

  it('still answers callbacks and parameters as pg does', async () => {
    const rows = await new Promise((resolve, reject) =>
      pool.query('SELECT $1::int AS n', [7], (error, result) => (error ? reject(error) : resolve(result.rows))),
    );
    expect(rows).toEqual([{ n: 7 }]);
    expect((await pool.query({ text: 'SELECT $1::text AS t', values: ['x'] })).rows).toEqual([{ t: 'x' }]);
  });

  it('tells a refused statement from a failed connection', () => {
    const refused = Object.assign(new DatabaseError('moved', 0, 'error'), { code: 'KP409' });
    const shutDown = Object.assign(new DatabaseError('terminating connection', 0, 'error'), { code: '57P01' });
    expect([refused, shutDown, new Error('Connection terminated unexpectedly')].map(refusedByServer)).toEqual([
      true,
      false,
      false,
    ]);
  });
});
