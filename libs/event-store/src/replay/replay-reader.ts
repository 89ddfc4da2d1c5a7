import type { Pool } from 'pg';
import type { Checkpoint, EventStore } from '../port';
import { decodePgCheckpoint, encodePgCheckpoint, PostgresEventStore, translatePgError } from '../postgres';

/** What a replay (a rebuild of read models) needs of an event: less than a GlobalEvent, so it reads faster. */
export interface ReplayedEvent {
  readonly tenant: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Business time. */
  readonly occurredAt: Date;
  readonly position: number;
}

export interface ReplayPage {
  readonly events: readonly ReplayedEvent[];
  /** The page's last event: where to resume, and what to save as the replay's checkpoint. Absent for an empty page. */
  readonly end?: { readonly checkpoint: Checkpoint; readonly position: number; readonly recordedAt: Date };
}

/** Reads the store's global order a page at a time, exactly as `readAll` hands it out (same events, same order). */
export type ReplayReader = (after: Checkpoint | undefined, maxCount: number) => Promise<ReplayPage>;

/**
 * The global order for replays. On PostgreSQL it selects only the columns a replay needs (no
 * metadata, hashes, ids; times as numbers), about half of readAll's cost in the reading process;
 * the order and the rule of reading only below the oldest running transaction are readAll's own
 * (PostgresEventStore.readAll). Any other store is read through the port.
 */
export function replayReader(store: EventStore): ReplayReader {
  if (store instanceof PostgresEventStore) return postgresReplay(store.pool);
  return async (after, maxCount) => {
    const { events } = await store.readAll({ after, maxCount });
    const last = events.at(-1);
    return { events, end: last && { checkpoint: last.checkpoint, position: last.position, recordedAt: last.recordedAt } };
  };
}

interface LeanRow {
  position: number;
  tenant: string;
  type: string;
  data: Record<string, unknown>;
  occurred_ms: number;
  recorded_ms: number;
  transaction_id: string;
}

const postgresReplay = (pool: Pool): ReplayReader => async (after, maxCount) => {
  const from = decodePgCheckpoint(after);
  const { rows } = await pool
    .query<LeanRow>(
      `SELECT position::float8 AS position, tenant, type, data,
              floor(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms,
              floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms,
              transaction_id::text AS transaction_id
       FROM kp_events
       WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY kp_events.transaction_id, kp_events.position LIMIT $3`,
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
};
