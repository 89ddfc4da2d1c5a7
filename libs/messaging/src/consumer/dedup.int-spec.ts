import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { CE } from '../integration-events/cloudevents';
import { createDedupingHandler, InMemoryDedupStore, PostgresDedupStore } from './dedup';
import { NotAnIntegrationEventError } from './integration-event';

const record = (id: string, n: number) => ({
  key: Buffer.from('case-1'),
  value: Buffer.from(JSON.stringify({ n })),
  headers: {
    [CE.id]: Buffer.from(id),
    [CE.type]: Buffer.from('koproduktiv.case.CaseClosed'),
    [CE.source]: Buffer.from('/koproduktiv/tenants/t1'),
    [CE.subject]: Buffer.from('case-1'),
    [CE.time]: Buffer.from('2026-03-02T08:30:00.000Z'),
    [CE.tenant]: Buffer.from('t1'),
    [CE.schemaversion]: Buffer.from('1'),
    [CE.streamversion]: Buffer.from(String(n)),
  },
});

describe('createDedupingHandler', () => {
  it('has one effect per ce_id, however often a record arrives (in memory)', async () => {
    const effects: number[] = [];
    const handle = createDedupingHandler(
      new InMemoryDedupStore(),
      async (event) => void effects.push((event.data as { n: number }).n),
    );
    const results = [];
    for (const [id, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 1],
      ['c', 3],
      ['b', 2],
    ] as const)
      results.push(await handle(record(id, n)));
    expect(results).toEqual([true, true, false, true, false]);
    expect(effects).toEqual([1, 2, 3]);
  });

  it('refuses records that are not integration events', async () => {
    const handle = createDedupingHandler(new InMemoryDedupStore(), async () => undefined);
    await expect(handle({ value: Buffer.from('{}'), headers: {} })).rejects.toBeInstanceOf(NotAnIntegrationEventError);
  });

  describe('PostgresDedupStore', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await db.pool.query('CREATE TABLE effects (event_id text, n int)');
    });
    afterAll(() => db.drop());

    it('claims the id in the effect transaction: a failed effect is not remembered, duplicates and concurrent copies do nothing', async () => {
      let failOnce = true;
      const handle = createDedupingHandler(new PostgresDedupStore(db.pool, 'warehouse'), async (event, tx) => {
        await tx.query('INSERT INTO effects VALUES ($1, $2)', [event.id, (event.data as { n: number }).n]);
        if (event.id === 'b' && failOnce) {
          failOnce = false;
          throw new Error('consumer crashed after its effect, before commit');
        }
      });
      expect(await handle(record('a', 1))).toBe(true);
      await expect(handle(record('b', 2))).rejects.toThrow('crashed');
      const again = await Promise.all([
        handle(record('b', 2)),
        handle(record('b', 2)),
        handle(record('a', 1)),
        handle(record('c', 3)),
      ]);
      expect(again.filter(Boolean)).toHaveLength(2);
      const { rows } = await db.pool.query(
        'SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id ORDER BY event_id',
      );
      expect(rows).toEqual([
        { event_id: 'a', n: 1 },
        { event_id: 'b', n: 1 },
        { event_id: 'c', n: 1 },
      ]);
      // Another consumer name keeps its own memory.
      const other = createDedupingHandler(new PostgresDedupStore(db.pool, 'funder-report'), async () => undefined);
      expect(await other(record('a', 1))).toBe(true);
    });
  });
});
