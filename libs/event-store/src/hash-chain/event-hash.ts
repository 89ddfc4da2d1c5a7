import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../port';
import { canonicalJson } from './canonical-json';

/** Everything a hash covers: the event's identity, place in its stream, content, metadata, times and predecessor. */
export type HashedFields = Omit<RecordedEvent, 'hash' | 'position'>;

/** sha256 over the canonical JSON of the event's fields, chained to the previous event of the same stream. */
export function eventHash(event: HashedFields): string {
  const covered = {
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
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}
