import type { Pool } from 'pg';
import { READ_MODELS_PROCESSOR } from '../read-models/read-model-projection';

/** The store position the read models have reached and their active generation (0: none yet). */
export async function lookUpReadModelPosition(pool: Pool): Promise<{ position: number; generation: number }> {
  const { rows } = await pool.query<{ position: string; active: number }>(
    `SELECT c.position, g.active FROM kp_checkpoints c JOIN kp_read_model_generation g ON c.name = g.name || '@g' || g.active WHERE g.name = $1`,
    [READ_MODELS_PROCESSOR],
  );
  return rows.length
    ? { position: Number(rows[0].position), generation: rows[0].active }
    : { position: 0, generation: 0 };
}
