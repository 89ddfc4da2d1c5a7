import type { RecordedEvent } from '../port';
import { eventHash } from './event-hash';

export type ChainBreak = 'version_gap' | 'hash_mismatch' | 'prev_hash_mismatch';

export interface BrokenEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly position: number;
  readonly reason: ChainBreak;
  readonly detail: string;
}

/**
 * Checks events of one stream, given in version order, chunk by chunk so that a stream of any
 * length is verified in constant memory: pass the returned cursor into the next call.
 */
export class StreamChainVerifier {
  private expectedVersion = 1;
  private previousHash: string | null = null;
  private broken: BrokenEvent | undefined;

  constructor(readonly streamId: string) {}

  /** Feeds the next events; returns the first break found so far, if any. */
  feed(events: Iterable<RecordedEvent>): BrokenEvent | undefined {
    for (const event of events) {
      if (this.broken) return this.broken;
      this.broken = this.check(event);
      this.expectedVersion = event.version + 1;
      this.previousHash = event.hash;
    }
    return this.broken;
  }

  get firstBreak(): BrokenEvent | undefined {
    return this.broken;
  }

  private check(event: RecordedEvent): BrokenEvent | undefined {
    const at = { streamId: this.streamId, version: event.version, eventId: event.eventId, position: event.position };
    if (event.version !== this.expectedVersion) {
      return {
        ...at,
        reason: 'version_gap',
        detail: `expected version ${this.expectedVersion}, found ${event.version}`,
      };
    }
    if (event.prevHash !== this.previousHash) {
      return { ...at, reason: 'prev_hash_mismatch', detail: 'does not link to the hash of the event before it' };
    }
    if (eventHash(event) !== event.hash) {
      return { ...at, reason: 'hash_mismatch', detail: 'content or metadata differ from what was recorded' };
    }
    return undefined;
  }
}

export function verifyStream(streamId: string, events: Iterable<RecordedEvent>): BrokenEvent | undefined {
  return new StreamChainVerifier(streamId).feed(events);
}
