import type { Pool } from 'pg';
import type { Checkpoint } from '../port';
import type { ReplayPage } from '../replay/replay-reader';
import { decodePgCheckpoint, encodePgCheckpoint } from './checkpoint-codec';
import { translatePgError } from './pg-errors';
import { GLOBAL_ORDER_PAGE } from './row-mapping';

interface LeanRow {
  position: number;
  tenant: string;
  type: string;
  data: Record<string, unknown>;
  occurred_ms: number;
  recorded_ms: number;
  transaction_id: string;
}

/** readAll's page with only the columns a replay needs (no metadata, hashes or ids; times as numbers). */
export async function leanReplayPage(pool: Pool, after: Checkpoint | undefined, maxCount: number): Promise<ReplayPage> {
  const from = decodePgCheckpoint(after);
  const { rows } = await pool
    .query<LeanRow>(
      `SELECT position::float8 AS position, tenant, type, data,
              floor(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms,
              floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms,
              transaction_id::text AS transaction_id
       FROM kp_events WHERE ${GLOBAL_ORDER_PAGE}`,
      [from.transactionId, from.position, maxCount],
    )
    .catch(translatePgError);
  const events = rows.map((row) => ({ tenant: row.tenant, type: row.type, data: row.data, occurredAt: new Date(row.occurred_ms), position: row.position }));
  const last = rows.at(-1);
  return {
    events,
    end: last && {
      checkpoint: encodePgCheckpoint({ transactionId: last.transaction_id, position: String(last.position) }),
      position: last.position,
      recordedAt: new Date(last.recorded_ms),
    },
  };
}
