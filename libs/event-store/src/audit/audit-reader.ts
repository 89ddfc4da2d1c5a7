import type { RecordedEvent } from '../port';

/** A stream as the store's stream table records it: the version and hash its last event must have. */
export interface StreamHead {
  readonly tenant: string;
  readonly streamId: string;
  readonly category: string;
  readonly version: number;
  readonly lastHash: string | null;
  /**
   * Set by stores without a stream table (KurrentDB) on a stream whose events were removed: what
   * shows that it existed (its truncation metadata or tombstone). Verification reports it as such.
   */
  readonly removal?: string;
}

/** Which part of the store to read. No tenant: every tenant (operators only; HTTP always sets it). */
export interface AuditScope {
  readonly tenant?: string;
  /** One stream; needs `tenant`. */
  readonly streamId?: string;
}

/** A slice of the global order. `from`/`to` are record time (recordedAt), `from` inclusive, `to` exclusive. */
export interface EventRange extends AuditScope {
  readonly from?: Date;
  readonly to?: Date;
}

/** Consecutive events of one stream in version order, with the stream's head (undefined: no stream row). */
export interface StreamChunk {
  readonly tenant: string;
  readonly streamId: string;
  readonly head: StreamHead | undefined;
  readonly events: readonly RecordedEvent[];
  /** True on the stream's last chunk. */
  readonly last: boolean;
}

/** Up to which point of record time a stream is replayed: recordedAt <= T, or position <= P. */
export type AsOf = { readonly recordedAt: Date } | { readonly position: number };

/**
 * The read side of an audit: everything streams through keyset-paged queries as async iterables,
 * so a store of any size is read in constant memory. Framework-free; adapters per store.
 */
export interface AuditReader {
  /** Every tenant's stream of this id (operators: which municipality holds it). */
  findStreams(streamId: string): Promise<StreamHead[]>;
  /** The stream's head, undefined if the tenant has no such stream. */
  streamHead(tenant: string, streamId: string): Promise<StreamHead | undefined>;
  /** One page of a stream in version order. */
  readStreamPage(tenant: string, streamId: string, fromVersion: number, limit: number): Promise<RecordedEvent[]>;
  /** A stream's events recorded by the given moment, in version order. */
  iterateStreamAsOf(tenant: string, streamId: string, asOf: AsOf): AsyncIterable<RecordedEvent>;
  /** Events in global order (one stream: version order). */
  iterateEvents(range: EventRange): AsyncIterable<RecordedEvent>;
  /** How many events `iterateEvents(range)` will yield (for progress). */
  countEvents(range: EventRange): Promise<number>;
  /** Every stream's events, stream after stream (by tenant and stream id), each in version order, in chunks. */
  iterateStreamChunks(scope: AuditScope): AsyncIterable<StreamChunk>;
  /** Stream rows that record a version but have no event at all (every event deleted). */
  iterateStreamsWithoutEvents(scope: AuditScope): AsyncIterable<StreamHead>;
  /** The events that concern one id: its own stream's and those of other categories naming it, in global order, after a position. */
  eventsReferencing(
    tenant: string,
    reference: StreamReference,
    afterPosition: number,
    limit: number,
  ): Promise<RecordedEvent[]>;
}

/**
 * An id and where events name it: its own stream, and the top-level data field that events of the
 * given categories carry it in. The store knows no aggregate; the domain catalogue says which
 * references exist (e.g. a case named by the fund's events as `caseId`).
 */
export interface StreamReference {
  readonly streamId: string;
  readonly id: string;
  /** A top-level field of the events' data: letters and digits only. */
  readonly field: string;
  readonly categories: readonly string[];
}

/** An event store adapter that brings its own audit read side (see auditReaderFor). */
export interface AuditReadable {
  auditReader(): AuditReader;
}

export const isAuditReadable = (store: unknown): store is AuditReadable =>
  typeof (store as Partial<AuditReadable> | null)?.auditReader === 'function';
