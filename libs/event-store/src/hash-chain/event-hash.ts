import { hash } from 'node:crypto';
import type { RecordedEvent } from '../port';
import { canonicalJson } from './canonical-json';

/** Everything a hash covers: the event's identity, place in its stream, content, metadata, times and predecessor. */
export type HashedFields = Omit<RecordedEvent, 'hash' | 'position'>;

/** The covered fields as one object; its canonical JSON is what the hash is taken over. */
export function coveredFields(event: HashedFields): Record<string, unknown> {
  return {
    tenant: event.tenant,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
    prevHash: event.prevHash,
  };
}

/**
 * sha256 over `canonicalJson(coveredFields(event))`, chained to the previous event of the same
 * stream. The top level is written out in its sorted key order instead of being sorted per event;
 * a spec holds it byte-equal to the general form.
 */
export function eventHash(event: HashedFields): string {
  const json =
    `{"data":${canonicalJson(event.data)},"eventId":${JSON.stringify(event.eventId)},"metadata":${canonicalJson(event.metadata)},` +
    `"occurredAt":"${event.occurredAt.toISOString()}","prevHash":${JSON.stringify(event.prevHash)},` +
    `"recordedAt":"${event.recordedAt.toISOString()}","schemaVersion":${JSON.stringify(event.schemaVersion)},` +
    `"streamId":${JSON.stringify(event.streamId)},"tenant":${JSON.stringify(event.tenant)},"type":${JSON.stringify(event.type)},` +
    `"version":${JSON.stringify(event.version)}}`;
  return hash('sha256', json, 'hex');
}
