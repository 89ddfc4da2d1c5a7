import type { Checkpoint, EventToAppend, GlobalEvent, RecordedEvent } from './recorded-event';
import type { ExpectedVersion } from './expected-version';

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append. */
  readonly version: number;
  /** Global position of the last appended event. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Forwards: first version to return (default 1). Backwards: last version to return (default: the newest). */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Resume after this checkpoint; omit to start at the beginning. */
  readonly after?: Checkpoint;
  readonly maxCount: number;
}

export interface ReadAllResult {
  readonly events: readonly GlobalEvent[];
  /**
   * Where to resume: the last event's checkpoint, or `after` unchanged when nothing new is visible.
   * An adapter that skips records of its store which are not events (KurrentDB's system records)
   * may return a later checkpoint, past the records it skipped, even with no events.
   */
  readonly checkpoint: Checkpoint | undefined;
}

/**
 * The port every event store adapter implements (see the contract suite in ../testing).
 * Streams are scoped by tenant: the same stream id in two tenants names two different streams.
 */
export interface EventStore {
  append(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult>;
  readStream(tenant: string, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every tenant's events in global order. Never skips an event that becomes visible later. */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** The stream's current version, NO_STREAM_VERSION if it does not exist. */
  streamVersion(tenant: string, streamId: string): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
