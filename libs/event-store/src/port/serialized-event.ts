import type { EventMetadata, RecordedEvent } from './recorded-event';

/** A recorded event as plain JSON (times as ISO strings): the form of audit answers and exports. */
export interface SerializedEvent {
  readonly position: number;
  readonly tenant: string;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly prevHash: string | null;
  readonly hash: string;
}

export const serializeEvent = (event: RecordedEvent): SerializedEvent => ({
  position: event.position,
  tenant: event.tenant,
  streamId: event.streamId,
  version: event.version,
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  occurredAt: event.occurredAt.toISOString(),
  recordedAt: event.recordedAt.toISOString(),
  data: event.data as Record<string, unknown>,
  metadata: event.metadata,
  prevHash: event.prevHash,
  hash: event.hash,
});
