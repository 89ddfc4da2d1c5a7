import type { EventStore, RecordedEvent } from '../port';
import type { AuditScope } from './audit-reader';

/** Which events a scan of the global order must deliver (it may deliver more: the reader filters again). */
export interface ScanFilter {
  readonly tenant?: string;
  readonly streamId?: string;
  /** Stream categories (`case`, `fund`); none: every category. */
  readonly categories?: readonly string[];
}

export interface StreamAddress {
  readonly tenant: string;
  readonly streamId: string;
}

/** What shows that a stream without readable events once had some. */
export interface StreamRemoval {
  /** The stream's last version the store still knows of (0: none). */
  readonly version: number;
  readonly evidence: string;
}

/**
 * What ScanningAuditReader needs from a store that has no tables to query: its global order, its
 * streams, and (where the store can remove events) the marks a removal leaves.
 */
export interface AuditSource {
  /** Events in global order, at least every one that matches `filter`; paged, constant memory. */
  scan(filter: ScanFilter): AsyncIterable<RecordedEvent>;
  /** Up to `maxCount` events of a stream from `fromVersion` on, in version order; [] for none. */
  readStream(tenant: string, streamId: string, fromVersion: number, maxCount: number): Promise<RecordedEvent[]>;
  /** The stream's last readable event. */
  lastEvent(tenant: string, streamId: string): Promise<RecordedEvent | undefined>;
  /** Evidence that the stream had events that can no longer be read; undefined: none. */
  removal?(tenant: string, streamId: string): Promise<StreamRemoval | undefined>;
  /** Every stream in scope that carries a removal mark, once, ordered by tenant and stream id. */
  streamsWithRemovalMarks?(scope: AuditScope): AsyncIterable<StreamAddress>;
}

/**
 * An audit source over nothing but the EventStore port: the global order read in pages with
 * readAll, streams read with readStream. Works for any adapter (the in-memory one uses it); a store
 * that can remove events needs a source of its own that finds the marks a removal leaves.
 */
export function eventStoreAuditSource(store: EventStore, pageSize = 1000): AuditSource {
  return {
    async *scan() {
      let after: string | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: pageSize });
        yield* page.events;
        if (page.events.length < pageSize) return;
        after = page.checkpoint;
      }
    },
    readStream: (tenant, streamId, fromVersion, maxCount) =>
      store.readStream(tenant, streamId, { fromVersion, maxCount }),
    lastEvent: async (tenant, streamId) =>
      (await store.readStream(tenant, streamId, { direction: 'backwards', maxCount: 1 }))[0],
  };
}
