import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { copyIn, copyLine } from './copy-in';

describe('copyIn', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('writes lines in COPY text format: nulls, backslashes, tabs and line breaks come back as they were', () => {
    expect(copyLine(['a', 1, true, null, undefined])).toBe('a\t1\ttrue\t\\N\t\\N\n');
    expect(copyLine(['tab\there', 'line\nbreak\r', 'back\\slash'])).toBe(
      'tab\\there\tline\\nbreak\\r\tback\\\\slash\n',
    );
  });

  it('round-trips awkward text and JSON through PostgreSQL', async () => {
    const awkward = [
      'Straße 12\tHinterhaus',
      'zwei\nZeilen\r\n',
      'C:\\Pfad\\N',
      '\\N',
      JSON.stringify({ note: 'say "hi"\n\\o/', n: 1.5 }),
      '',
      '💡',
    ];
    const client = await db.pool.connect();
    try {
      await client.query('CREATE TABLE copied (n integer, text text, json jsonb, flag boolean)');
      await copyIn(
        client,
        'copied',
        ['n', 'text', 'json', 'flag'],
        awkward.map((text, n) => copyLine([n, text, JSON.stringify({ text }), n % 2 === 0])).join('') +
          copyLine([99, null, null, null]),
      );
      await copyIn(client, 'copied', ['n'], '');
      const { rows } = await client.query('SELECT n, text, json, flag FROM copied ORDER BY n');
      expect(rows).toEqual([
        ...awkward.map((text, n) => ({ n, text, json: { text }, flag: n % 2 === 0 })),
        { n: 99, text: null, json: null, flag: null },
      ]);
      await expect(copyIn(client, 'copied', ['n'], 'not a number\n')).rejects.toThrow(/invalid input syntax/);
      expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      client.release();
    }
  });
});
