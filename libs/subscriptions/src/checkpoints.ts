import type { PoolClient } from 'pg';
import type { Checkpoint } from '@koproduktiv/event-store';

export const CHECKPOINTS_DDL = `CREATE TABLE IF NOT EXISTS kp_checkpoints (
  name         text PRIMARY KEY,
  checkpoint   text,
  position     bigint NOT NULL DEFAULT 0,
  recorded_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
)`;

export interface StoredCheckpoint {
  readonly checkpoint: Checkpoint | undefined;
  readonly position: number;
}

export async function loadCheckpoint(client: PoolClient, name: string): Promise<StoredCheckpoint> {
  const { rows } = await client.query<{ checkpoint: string | null; position: string }>(
    'SELECT checkpoint, position FROM kp_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length
    ? { checkpoint: rows[0].checkpoint ?? undefined, position: Number(rows[0].position) }
    : { checkpoint: undefined, position: 0 };
}

export async function saveCheckpoint(
  client: PoolClient,
  name: string,
  checkpoint: Checkpoint,
  position: number,
  recordedAt: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO kp_checkpoints (name, checkpoint, position, recorded_at, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, position = EXCLUDED.position,
       recorded_at = EXCLUDED.recorded_at, updated_at = now()`,
    [name, checkpoint, position, recordedAt],
  );
}

export async function resetCheckpoint(client: PoolClient, name: string): Promise<void> {
  await client.query('DELETE FROM kp_checkpoints WHERE name = $1', [name]);
}

/** Moves the checkpoint past records the store skipped (not events of ours), keeping position and time. */
export async function advanceCheckpoint(client: PoolClient, name: string, checkpoint: Checkpoint): Promise<void> {
  await client.query(
    `INSERT INTO kp_checkpoints (name, checkpoint, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
    [name, checkpoint],
  );
}
