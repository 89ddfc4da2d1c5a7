import { EventStore, PostgresEventStore } from '@koproduktiv/event-store';
import {
  activeGeneration,
  checkReadModels,
  DETAIL_TABLES,
  ensureReadModels,
  pointViewsDdl,
  READ_MODEL_TABLES,
  ReadModelProjection,
  rebuildReadModels,
} from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { createPool } from '@koproduktiv/platform';
import { StoreGenerator } from '../fixtures/projections-data';
import { createTestEventStore, TestDatabase } from '../support/postgres';

/**
 * The rebuild folds the whole store in one pass and puts each case's history together in SQL; the
 * live projection folds a batch at a time. Over a generated store with every kind of case event,
 * fund events and staff time, both must give the same rows, column for column.
 */
describe('rebuild of the read models (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const generator = new StoreGenerator({ events: 6500, cases: 60, chunk: 25, seed: 7 });

  beforeAll(async () => {
    ({ db, store } = await createTestEventStore());
    await generator.grow(store, 6000, 4);
    const generation = await ensureReadModels(db.pool);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(generation), { batchSize: 97 }).catchUp();
  }, 60_000);
  afterAll(() => db.drop());

  /** Every row of every read-model table behind the views, as text, sorted. */
  const everything = async () => {
    const tables = [...READ_MODEL_TABLES, ...DETAIL_TABLES];
    const rows = await Promise.all(
      tables.map(
        async (table) =>
          (await db.pool.query(`SELECT '${table}' AS t, row_to_json(x)::jsonb::text AS r FROM ${table} x`)).rows,
      ),
    );
    return rows
      .flat()
      .map((row) => `${row.t} ${row.r}`)
      .sort();
  };

  it('replays into scratch tables equal to the live ones, column for column (projections check)', async () => {
    const result = await checkReadModels(store, db.pool);
    expect(result.rows).toBeGreaterThan(60);
    expect(result.differences).toEqual([]);
  });

  it('swaps in a generation equal to the live one, with its checkpoint where the live one stands', async () => {
    const before = await everything();
    expect(before.filter((row) => row.startsWith('rm_unit_staff_time')).length).toBeGreaterThan(100);
    expect(before.filter((row) => row.startsWith('rm_fund_events')).length).toBeGreaterThan(0);
    const live = await db.pool.query(`SELECT checkpoint, position FROM kp_checkpoints WHERE name = 'read-models@g1'`);
    const rebuilt = await rebuildReadModels(store, db.pool, { batchSize: 250 });
    expect(rebuilt).toMatchObject({ generation: 2, events: 6000 });
    expect(await everything()).toEqual(before);
    expect(
      (await db.pool.query(`SELECT checkpoint, position FROM kp_checkpoints WHERE name = 'read-models@g2'`)).rows,
    ).toEqual(live.rows);
    const staging = await db.pool.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'rm_rebuild_%'`);
    expect(staging.rows).toEqual([]);
  });

  it('completes on a pool of three connections (the lock, the replay and its reader), with one COPY lane', async () => {
    const before = await everything();
    const small = createPool({ connectionString: db.url, max: 3 });
    try {
      const rebuilt = await rebuildReadModels(store, small, { batchSize: 500 });
      expect(rebuilt.events).toBe(6000);
    } finally {
      await small.end();
    }
    expect(await everything()).toEqual(before);
  });

  it('a rebuild that fails half way leaves the active generation answering as before, and the next one completes', async () => {
    const before = await everything();
    const active = await activeGeneration(db.pool);
    let pages = 0;
    const failing: EventStore = {
      append: (...args) => store.append(...args),
      readStream: (...args) => store.readStream(...args),
      streamVersion: (...args) => store.streamVersion(...args),
      close: () => store.close(),
      readAll: async (options) => {
        if (++pages === 5) throw new Error('connection lost half way');
        return store.readAll(options);
      },
    };
    await expect(rebuildReadModels(failing, db.pool, { batchSize: 500 })).rejects.toThrow('connection lost half way');
    expect(await activeGeneration(db.pool)).toBe(active);
    expect(await everything()).toEqual(before);
    const rebuilt = await rebuildReadModels(failing, db.pool, { batchSize: 500 });
    expect(rebuilt.generation).toBe(active + 1);
    expect(await everything()).toEqual(before);
  });

  it('a generation from before histories were json (jsonb) keeps projecting and compares equal to a replay', async () => {
    const active = await activeGeneration(db.pool);
    await db.pool.query(
      `DROP VIEW rm_cases; ALTER TABLE rm_cases_g${active} ALTER COLUMN history TYPE jsonb USING history::jsonb; ${pointViewsDdl(active)}`,
    );
    await generator.grow(store, 6500, 4);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(active), { batchSize: 97 }).catchUp();
    const { rows } = await db.pool.query(
      `SELECT data_type FROM information_schema.columns WHERE table_name = $1 AND column_name = 'history'`,
      [`rm_cases_g${active}`],
    );
    expect(rows).toEqual([{ data_type: 'jsonb' }]);
    const result = await checkReadModels(store, db.pool);
    expect(result.rows).toBeGreaterThan(60);
    expect(result.differences).toEqual([]);
  });
});
