import type { Checkpoint, EventStore } from '../port';

/** What a replay (a rebuild of read models) needs of an event: less than a GlobalEvent, so it reads faster. */
export interface ReplayedEvent {
  readonly tenant: string;
  readonly type: string;
  /** Of the data as stored; the codec upcasts older ones. */
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  /** Business time. */
  readonly occurredAt: Date;
  readonly position: number;
}

/** Where a page of a replay ended: where to resume, and what to save as the replay's checkpoint. */
export interface ReplayPageEnd {
  readonly checkpoint: Checkpoint;
  readonly position: number;
  readonly recordedAt: Date;
}

/**
 * Hands the store's global order, exactly as `readAll` hands it out (same events, same order), to
 * `visit` one event at a time: at most `maxCount` events after `after`. Resolves with the end of
 * what it handed out, undefined when there was nothing. If `visit` throws, the page is read to its
 * end without visiting more, and the call rejects with that error.
 */
export type ReplayReader = (
  after: Checkpoint | undefined,
  maxCount: number,
  visit: (event: ReplayedEvent) => void,
) => Promise<ReplayPageEnd | undefined>;

/** A store that hands out its global order for replays more cheaply than through readAll. */
export interface ReplayReadable {
  replayEach: ReplayReader;
}

const isReplayReadable = (store: unknown): store is ReplayReadable =>
  typeof (store as Partial<ReplayReadable>).replayEach === 'function';

/**
 * The global order for replays: the store's own where it has one (PostgreSQL streams only the
 * columns a replay needs, and never holds a page), else readAll's pages.
 */
export function replayReader(store: EventStore): ReplayReader {
  if (isReplayReadable(store)) return (after, maxCount, visit) => store.replayEach(after, maxCount, visit);
  return async (after, maxCount, visit) => {
    const { events } = await store.readAll({ after, maxCount });
    events.forEach(visit);
    const last = events.at(-1);
    return last && { checkpoint: last.checkpoint, position: last.position, recordedAt: last.recordedAt };
  };
}
