import type { EventMetadata, GlobalEvent, RecordedEvent } from '../port';
import { encodePgCheckpoint } from './checkpoint-codec';

export const EVENT_COLUMNS = `position, tenant, stream_id, version, event_id, type, schema_version, data, metadata,
  occurred_at, recorded_at, prev_hash, hash`;

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
