import type { EventMetadata, GlobalEvent, RecordedEvent } from '../port';
import { encodePgCheckpoint } from './checkpoint-codec';

export const EVENT_COLUMNS = `position, tenant, stream_id, version, event_id, type, schema_version, data, metadata,
  occurred_at, recorded_at, prev_hash, hash`;

/**
 * One page of the global order after a checkpoint ($1 transaction id, $2 position, $3 page size).
 * Only transactions older than every running one are final: a younger one may still be overtaken
 * by an older one that commits later, which would then land behind the checkpoint.
 */
export const GLOBAL_ORDER_PAGE = `(transaction_id, position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
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
