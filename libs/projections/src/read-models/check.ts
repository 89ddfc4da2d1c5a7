import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { buildGeneration, ensureReadModels, exclusively } from './generations';
import { ReadModelProjection } from './read-model-projection';
import { readModelsProcessorName } from './read-model-rows';
import { DETAIL_TABLES, DetailTable, dropGenerationDdl, READ_MODEL_TABLES, ReadModelTable, tableName } from './schema';

/** Scratch generations are numbered far above live ones, so they never collide with a rebuild. */
const SCRATCH_OFFSET = 100_000;

export interface TableDifference {
  readonly table: ReadModelTable | DetailTable;
  /** Rows that differ or exist on one side only. */
  readonly count: number;
  readonly sample: readonly { tenant: string; id: string; side: 'live only' | 'replay only' | 'both, different' }[];
}

export interface CheckResult {
  readonly position: number;
  readonly rows: number;
  readonly differences: readonly TableDifference[];
}

const checkpointPosition = async (pool: Pool, generation: number) =>
  Number(
    (
      await pool.query<{ position: string }>('SELECT position FROM kp_checkpoints WHERE name = $1', [
        readModelsProcessorName(generation),
      ])
    ).rows[0]?.position ?? 0,
  );

/**
 * Replays everything into scratch tables and compares them row by row with the live read models,
 * both at the same store position. The live models are left untouched; the scratch tables dropped.
 */
export async function checkReadModels(
  store: EventStore,
  pool: Pool,
  options: { waitForLiveMs?: number } = {},
): Promise<CheckResult> {
  return exclusively(pool, async () => {
    const live = await ensureReadModels(pool);
    const scratch = live + SCRATCH_OFFSET;
    try {
      await buildGeneration(store, pool, scratch);
      const position = await align(store, pool, live, scratch, options.waitForLiveMs ?? 30_000);
      const differences = [];
      let rows = 0;
      for (const table of READ_MODEL_TABLES) {
        rows += Number((await pool.query(`SELECT count(*) AS n FROM ${tableName(table, live)}`)).rows[0].n);
        const difference = await compare(pool, table, live, scratch);
        if (difference.count > 0) differences.push(difference);
      }
      for (const table of DETAIL_TABLES) {
        const difference = await compareDetails(pool, table, live, scratch);
        if (difference.count > 0) differences.push(difference);
      }
      return { position, rows, differences };
    } finally {
      await pool.query(dropGenerationDdl(scratch));
      await pool.query('DELETE FROM kp_checkpoints WHERE name = $1', [readModelsProcessorName(scratch)]);
    }
  });
}

/** Brings live and scratch to the same position: the live one by its projector (or here, if none runs). */
async function align(store: EventStore, pool: Pool, live: number, scratch: number, waitMs: number): Promise<number> {
  const deadline = Date.now() + waitMs;
  const liveRunner = new ProcessorRunner(store, pool, new ReadModelProjection(live));
  const scratchRunner = new ProcessorRunner(store, pool, new ReadModelProjection(scratch));
  for (;;) {
    const [livePosition, scratchPosition] = [
      await checkpointPosition(pool, live),
      await checkpointPosition(pool, scratch),
    ];
    if (livePosition === scratchPosition) return livePosition;
    if (livePosition > scratchPosition) await scratchRunner.catchUp();
    else if (
      !(await liveRunner.catchUp().then(
        () => true,
        () => false,
      ))
    ) {
      if (Date.now() > deadline)
        throw new Error(
          `The live read models stay behind (at ${livePosition}, the store at ${scratchPosition}); is the projector stuck?`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function compare(pool: Pool, table: ReadModelTable, live: number, scratch: number): Promise<TableDifference> {
  // json has no equality: histories compare as jsonb (which also ignores how the text is laid out).
  const columns = table === 'rm_cases' ? 'tenant, id, doc, history::jsonb, position' : 'tenant, id, doc, position';
  const a = tableName(table, live);
  const b = tableName(table, scratch);
  const { rows } = await pool.query<{ tenant: string; id: string; in_live: boolean; in_replay: boolean }>(
    `WITH live_only AS (SELECT ${columns} FROM ${a} EXCEPT SELECT ${columns} FROM ${b}),
          replay_only AS (SELECT ${columns} FROM ${b} EXCEPT SELECT ${columns} FROM ${a})
     SELECT tenant, id, bool_or(side = 'live') AS in_live, bool_or(side = 'replay') AS in_replay FROM (
       SELECT tenant, id, 'live' AS side FROM live_only UNION ALL SELECT tenant, id, 'replay' FROM replay_only) d
     GROUP BY tenant, id ORDER BY tenant, id`,
  );
  return {
    table,
    count: rows.length,
    sample: rows.slice(0, 10).map((row) => ({
      tenant: row.tenant,
      id: row.id,
      side: row.in_live && row.in_replay ? 'both, different' : row.in_live ? 'live only' : 'replay only',
    })),
  };
}

/** Detail rows compare whole; a difference is named by its tenant and its row as JSON. */
async function compareDetails(pool: Pool, table: DetailTable, live: number, scratch: number): Promise<TableDifference> {
  const a = tableName(table, live);
  const b = tableName(table, scratch);
  const { rows } = await pool.query<{ tenant: string; id: string; side: 'live only' | 'replay only' }>(
    `SELECT tenant, row_to_json(d)::text AS id, 'live only' AS side FROM (SELECT * FROM ${a} EXCEPT SELECT * FROM ${b}) d
     UNION ALL SELECT tenant, row_to_json(d)::text, 'replay only' FROM (SELECT * FROM ${b} EXCEPT SELECT * FROM ${a}) d`,
  );
  return { table, count: rows.length, sample: rows.slice(0, 10) };
}
