import type { EventToAppend } from '../port';
import { eventHash, HashedFields } from './event-hash';

export interface StreamTip {
  readonly version: number;
  readonly lastHash: string | null;
}

export type SealedEvent = HashedFields & { readonly hash: string };

/** Gives new events their versions and chains their hashes onto the stream's tip. */
export function sealEvents(
  tenant: string,
  streamId: string,
  tip: StreamTip,
  events: readonly EventToAppend[],
  recordedAt: Date,
): SealedEvent[] {
  let prevHash = tip.lastHash;
  return events.map((event, index) => {
    const fields: HashedFields = { ...event, tenant, streamId, version: tip.version + index + 1, recordedAt, prevHash };
    const hash = eventHash(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
}
