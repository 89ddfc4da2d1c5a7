import type { EventMetadata, GlobalEvent, RecordedEvent } from '../port';
import { encodePgCheckpoint } from './checkpoint-codec';

export const EVENT_COLUMNS = `position, tenant, stream_id, version, event_id, type, schema_version, data, metadata,
  occurred_at, recorded_at, prev_hash, hash`;

/**
 * The transaction id below which the global order is final: the oldest transaction still running
 * that could append to this store, or the next transaction id if there is none. A transaction that
 * runs while a younger one commits could still commit an event that would land behind the
 * checkpoint, so readers stop before it.
 *
 * Transactions of other databases on the same server can never write kp_events here, so they do
 * not hold readers back: a running transaction (pg_snapshot_xip, the statement's own snapshot) is
 * skipped only when the server names it as another database's, by its backend or as a prepared
 * transaction. That naming is final (a transaction id is never reused, a backend never changes its
 * database); one the server cannot name (it ended meanwhile, a backend without a database, stats
 * hidden from this role) is waited for.
 */
export const FINAL_TRANSACTIONS_BELOW = `(SELECT coalesce(min(running.xid), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)
  WHERE NOT EXISTS (SELECT FROM pg_stat_activity other WHERE other.backend_xid = running.xid::xid AND other.datname <> current_database())
    AND NOT EXISTS (SELECT FROM pg_prepared_xacts other WHERE other.transaction = running.xid::xid AND other.database <> current_database()))`;

/** One page of the global order after a checkpoint ($1 transaction id, $2 position, $3 page size). */
export const GLOBAL_ORDER_PAGE = `(transaction_id, position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < ${FINAL_TRANSACTIONS_BELOW}
  ORDER BY kp_events.transaction_id, kp_events.position LIMIT $3`;

export interface EventRow {
  position: string;
  tenant: string;
  stream_id: string;
  version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  tenant: row.tenant,
  streamId: row.stream_id,
  version: Number(row.version),
  position: Number(row.position),
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const toGlobalEvent = (row: EventRow & { transaction_id: string }): GlobalEvent => ({
  ...toRecordedEvent(row),
  checkpoint: encodePgCheckpoint({ transactionId: row.transaction_id, position: row.position }),
});
