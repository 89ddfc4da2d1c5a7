import type { PoolClient } from 'pg';
import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { copyLine } from './copy-in';
import { CopyLanes } from './copy-lanes';

describe('CopyLanes', () => {
  let db: TestDatabase;
  let clients: PoolClient[];
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query('CREATE TABLE laned (n integer PRIMARY KEY, pid integer NOT NULL DEFAULT pg_backend_pid())');
  });
  beforeEach(async () => {
    clients = [await db.pool.connect(), await db.pool.connect()];
  });
  afterEach(() => clients.forEach((client) => client.release()));
  afterAll(() => db.drop());

  const batch = (from: number) => [
    { table: 'laned', columns: ['n'], lines: [0, 1, 2].map((i) => copyLine([from + i])).join('') },
  ];

  it('writes every batch, alternating the connections', async () => {
    await db.pool.query('TRUNCATE laned');
    const lanes = new CopyLanes(clients);
    for (let page = 0; page < 10; page++) await lanes.write(batch(page * 3));
    await lanes.drained();
    const { rows } = await db.pool.query('SELECT pid, count(*)::int AS count FROM laned GROUP BY pid');
    expect(rows.map((row) => row.count)).toEqual([15, 15]);
  });

  it('reports a failed COPY when drained, and waits for every COPY to end before the connections go back', async () => {
    await db.pool.query('TRUNCATE laned');
    const lanes = new CopyLanes(clients);
    await lanes.write(batch(0));
    await lanes.write([{ table: 'laned', columns: ['n'], lines: 'not a number\n' }]);
    await lanes.write(batch(3));
    await expect(lanes.drained()).rejects.toThrow(/invalid input syntax/);
    await lanes.settled();
    for (const client of clients) expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    expect((await db.pool.query('SELECT count(*)::int AS count FROM laned')).rows).toEqual([{ count: 6 }]);
  });
});
