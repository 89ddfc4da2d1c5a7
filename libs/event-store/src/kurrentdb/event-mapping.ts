import type { JSONEventData, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, GlobalEvent, RecordedEvent } from '../port';
import type { SealedEvent } from '../hash-chain';
import { displayPosition, encodeKurrentCheckpoint, KurrentPosition } from './position-codec';
import { fromStreamName, parseStreamName } from './stream-name';
import { versionOfRevision } from './expected-version';

/**
 * Event metadata as stored in KurrentDB. Correlation and causation use KurrentDB's own keys, so
 * its projections, UI and `$bc-`/`$correlation` tooling understand them; the rest is ours, under
 * one key so that nothing of ours can collide with a `$` key KurrentDB reserves.
 */
export interface StoredMetadata {
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly koproduktiv: {
    readonly tenant: string;
    readonly schemaVersion: number;
    readonly occurredAt: string;
    /** When our store accepted the event; covered by the hash, so KurrentDB's own `created` is not used. */
    readonly recordedAt: string;
    readonly prevHash: string | null;
    readonly hash: string;
    /** The caller's metadata apart from correlation and causation (actor, idempotency key, …). */
    readonly metadata: Omit<EventMetadata, 'correlationId' | 'causationId'>;
  };
}

export function toStoredMetadata(event: SealedEvent): StoredMetadata {
  const { correlationId, causationId, ...rest } = event.metadata;
  return {
    $correlationId: correlationId,
    $causationId: causationId,
    koproduktiv: {
      tenant: event.tenant,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt.toISOString(),
      recordedAt: event.recordedAt.toISOString(),
      prevHash: event.prevHash,
      hash: event.hash,
      metadata: rest,
    },
  };
}

/** The event as the client appends it. Its id is our event id, which also makes a retried append idempotent in KurrentDB. */
export function toEventData(event: SealedEvent): JSONEventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: toStoredMetadata(event) as unknown as Record<string, unknown>,
  };
}

function isStoredMetadata(value: unknown): value is StoredMetadata {
  const kp = (value as StoredMetadata | undefined)?.koproduktiv;
  return typeof kp === 'object' && kp !== null && typeof kp.hash === 'string' && typeof kp.recordedAt === 'string';
}

/** Our recorded event from a KurrentDB record; tenant and stream id come from the stream name. */
export function toRecordedEvent(record: KurrentRecordedEvent): RecordedEvent {
  const { tenant, streamId } = fromStreamName(record.streamId);
  if (!record.isJson || !isStoredMetadata(record.metadata)) {
    throw new RangeError(
      `Event ${record.id} in ${record.streamId} was not written by Koproduktiv (no JSON data or metadata)`,
    );
  }
  if (!record.position)
    throw new RangeError(`KurrentDB returned event ${record.id} without a log position (server older than 22.6?)`);
  const { $correlationId, $causationId, koproduktiv: kp } = record.metadata;
  return {
    eventId: record.id,
    type: record.type,
    schemaVersion: kp.schemaVersion,
    data: record.data as Record<string, unknown>,
    metadata: { ...kp.metadata, correlationId: $correlationId, causationId: $causationId } as EventMetadata,
    occurredAt: new Date(kp.occurredAt),
    recordedAt: new Date(kp.recordedAt),
    tenant,
    streamId,
    version: versionOfRevision(record.revision),
    position: displayPosition(record.position),
    prevHash: kp.prevHash,
    hash: kp.hash,
  };
}

/** KurrentDB's own record in one of our streams: the tombstone of a hard delete. Not an event of ours. */
export const isSystemRecord = (record: KurrentRecordedEvent): boolean => record.type === '$streamDeleted';

/**
 * Why a record KurrentDB delivered is not an event of ours; undefined when it is one.
 * - `system`: KurrentDB's own: an event type starting with `$` (a tombstone's `$streamDeleted`,
 *   `$metadata`, links) or a `$` stream (metastreams `$$…`, `$ce-…`, statistics).
 * - `other_stream`: a stream not named as ours (toStreamName), i.e. another application's.
 * - `foreign`: in one of our streams, but without (valid) Koproduktiv metadata: appended there
 *   behind the service's back. Audit verification reports it at its version.
 */
export function whyNotOurs(record: KurrentRecordedEvent): 'system' | 'other_stream' | 'foreign' | undefined {
  if (record.type.startsWith('$') || record.streamId.startsWith('$')) return 'system';
  if (!parseStreamName(record.streamId)) return 'other_stream';
  if (!record.isJson || !isStoredMetadata(record.metadata)) return 'foreign';
  return undefined;
}

const NOT_OURS: EventMetadata = {
  actor: { subject: 'unknown: not written by Koproduktiv', role: 'unknown' },
  correlationId: '',
  causationId: '',
};

/**
 * For audits: a record as found, also one this adapter did not write (appended to our stream
 * behind its back). It carries no hash of ours, so verification reports it at its version instead
 * of the whole audit failing on it; its times are KurrentDB's `created`.
 */
export function toAuditedEvent(record: KurrentRecordedEvent): RecordedEvent {
  if (record.isJson && isStoredMetadata(record.metadata) && record.position) return toRecordedEvent(record);
  const { tenant, streamId } = fromStreamName(record.streamId);
  const data =
    record.isJson && typeof record.data === 'object' && record.data !== null
      ? (record.data as Record<string, unknown>)
      : {};
  return {
    eventId: record.id,
    type: record.type,
    schemaVersion: 0,
    data,
    metadata: NOT_OURS,
    occurredAt: record.created,
    recordedAt: record.created,
    tenant,
    streamId,
    version: versionOfRevision(record.revision),
    position: record.position ? displayPosition(record.position) : 0,
    prevHash: null,
    hash: '',
  };
}

export function toGlobalEvent(record: KurrentRecordedEvent & { position: KurrentPosition }): GlobalEvent {
  return { ...toRecordedEvent(record), checkpoint: encodeKurrentCheckpoint(record.position) };
}
