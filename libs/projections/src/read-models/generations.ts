import type { Pool, PoolClient } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import { type Logger, withTransaction } from '@koproduktiv/platform';
import { CHECKPOINTS_DDL, resetCheckpoint } from '@koproduktiv/subscriptions';
import { replayIntoGeneration } from './generation-replay';
import { READ_MODELS_PROCESSOR, readModelsProcessorName } from './read-model-rows';
import {
  DETAIL_TABLES,
  dropGenerationDdl,
  generationDdl,
  GENERATIONS_DDL,
  pointViewsDdl,
  READ_MODEL_TABLES,
  tableName,
} from './schema';

/** A transaction holding the generation lock, so generation changes never interleave. */
function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('kp.read-models.generation'))`);
    return work(client);
  });
}

/** Creates the read models (generation 1 and its views) if they do not exist; returns the active generation. */
export async function ensureReadModels(pool: Pool): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query(GENERATIONS_DDL);
    await client.query(CHECKPOINTS_DDL);
    const { rows } = await client.query<{ active: number }>(
      'SELECT active FROM kp_read_model_generation WHERE name = $1',
      [READ_MODELS_PROCESSOR],
    );
    const active = rows[0]?.active ?? 1;
    if (!rows.length) {
      await client.query(generationDdl(active));
      await client.query(pointViewsDdl(active));
      await client.query('INSERT INTO kp_read_model_generation (name, active) VALUES ($1, $2)', [
        READ_MODELS_PROCESSOR,
        active,
      ]);
    }
    return active;
  });
}

/**
 * Whether a generation lacks a table this version keeps (made by an older version): its projector
 * creates the table, but the events it projected before are not in it, so only a rebuild fills it.
 */
export async function generationLacksTables(pool: Pool, generation: number): Promise<boolean> {
  const tables = [...READ_MODEL_TABLES, ...DETAIL_TABLES].map((table) => tableName(table, generation));
  const { rows } = await pool.query<{ missing: number }>(
    'SELECT count(*)::int AS missing FROM unnest($1::text[]) AS t(name) WHERE to_regclass(t.name) IS NULL',
    [tables],
  );
  return rows[0].missing > 0;
}

export async function activeGeneration(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ active: number }>('SELECT active FROM kp_read_model_generation WHERE name = $1', [
    READ_MODELS_PROCESSOR,
  ]);
  return rows[0]?.active ?? 1;
}

export interface RebuildResult {
  readonly generation: number;
  readonly events: number;
  readonly seconds: number;
}

/**
 * Replays the whole store into a fresh generation of tables while the active one keeps answering,
 * then points the views at it in one transaction. The running projector notices and continues
 * with the new generation (see ReadModelSupervisor).
 */
export async function rebuildReadModels(
  store: EventStore,
  pool: Pool,
  options: { logger?: Logger; batchSize?: number } = {},
): Promise<RebuildResult> {
  return exclusively(pool, async () => {
    const started = Date.now();
    const next = (await ensureReadModels(pool)) + 1;
    const events = await buildGeneration(store, pool, next, options);
    await inTransaction(pool, async (client) => {
      await client.query(pointViewsDdl(next));
      await client.query('UPDATE kp_read_model_generation SET active = $2, updated_at = now() WHERE name = $1', [
        READ_MODELS_PROCESSOR,
        next,
      ]);
    });
    options.logger?.info({ generation: next, events }, 'read models rebuilt and swapped in');
    return { generation: next, events, seconds: (Date.now() - started) / 1000 };
  });
}

export class RebuildInProgressError extends Error {
  constructor() {
    super('Another rebuild or check of the read models is running');
    this.name = 'RebuildInProgressError';
  }
}

/** One rebuild or check at a time, cluster-wide. */
export async function exclusively<T>(pool: Pool, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('kp.read-models.rebuild')) AS locked`,
    );
    if (!rows[0].locked) throw new RebuildInProgressError();
    try {
      return await work();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('kp.read-models.rebuild'))`).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** Replays the whole store into fresh tables of `generation`; returns the number of events read. */
export async function buildGeneration(
  store: EventStore,
  pool: Pool,
  generation: number,
  options: { logger?: Logger; batchSize?: number } = {},
): Promise<number> {
  await inTransaction(pool, async (client) => {
    await client.query(dropGenerationDdl(generation));
    await client.query(generationDdl(generation));
    await resetCheckpoint(client, readModelsProcessorName(generation));
  });
  const events = await replayIntoGeneration(store, pool, generation, options.batchSize ?? 5000);
  options.logger?.info({ generation, events }, 'read models replayed into a fresh generation');
  return events;
}

/** Drops every generation's tables except the active one (after the projector moved on). */
export async function dropInactiveGenerations(pool: Pool, active: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ generation: string }>(
      `SELECT DISTINCT substring(tablename from '_g([0-9]+)$') AS generation FROM pg_tables WHERE tablename ~ '^rm_[a-z_]+_g[0-9]+$'`,
    );
    for (const { generation } of rows)
      if (Number(generation) !== active) await client.query(dropGenerationDdl(Number(generation)));
    await client.query(`DELETE FROM kp_checkpoints WHERE name LIKE $1 AND name <> $2`, [
      `${READ_MODELS_PROCESSOR}@g%`,
      readModelsProcessorName(active),
    ]);
  });
}
