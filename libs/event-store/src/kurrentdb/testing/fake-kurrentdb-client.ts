import { setImmediate as tick } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  DeleteResult,
  EventData,
  GetStreamMetadataResult,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  StreamMetadata,
} from '@kurrent/kurrentdb-client';

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  created: Date;
  position: Position;
}

/** KurrentDB's "deleted stream" event number (long.MaxValue): `$tb` of a soft delete, revision of a tombstone. */
const DELETED = 9223372036854775807n;
/** Stream metadata keys as KurrentDB stores them (the client maps truncateBefore to `$tb` and back). */
const META_KEYS: Record<string, string> = { truncateBefore: '$tb', maxCount: '$maxCount', maxAge: '$maxAge' };
const metastreamOf = (name: string) => `$$${name}`;

const fail = (type: string, name: string, extra: object = {}) =>
  Object.assign(new Error(`${name} (fake)`), { type, name, ...extra });

/**
 * A stand-in for the parts of KurrentDBClient the adapter uses, with KurrentDB's documented
 * semantics: 0-based revisions, expected stream states checked atomically, JSON round trips,
 * `$all` in commit order, a read of `$all` that includes the event at `fromPosition`, and
 * StreamNotFoundError for a missing stream. Events leave a stream only the ways KurrentDB allows:
 * `$tb` in stream metadata (reads start there), soft delete (`$tb` at the maximum: reads say not
 * found), tombstone (reads say deleted); `$all` keeps them until `scavenge()`. `rewrite()` changes a
 * stored record as someone editing the database files would. It proves the adapter's own logic
 * (chaining, version mapping, retries, paging, audit) on machines without a server; it is no
 * evidence of KurrentDB's behaviour.
 */
export class FakeKurrentDbClient {
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly log: StoredRecord[] = [];
  private readonly tombstoned = new Set<string>();
  private nextPrepare = 100n;
  appends = 0;

  async appendToStream(
    name: string,
    events: EventData | EventData[],
    { streamState = 'any' }: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    await tick();
    this.appends += 1;
    if (this.tombstoned.has(name)) throw fail('stream-deleted', 'StreamDeletedError', { streamName: name });
    const stream = this.streams.get(name);
    const actualState = stream ? stream[stream.length - 1].revision : 'no_stream';
    const ok =
      streamState === 'any' ||
      (streamState === 'no_stream' && !stream) ||
      (streamState === 'stream_exists' && Boolean(stream)) ||
      streamState === actualState;
    if (!ok)
      throw fail('wrong-expected-version', 'WrongExpectedVersionError', {
        streamName: name,
        expectedState: streamState,
        actualState,
      });
    const batch = (Array.isArray(events) ? events : [events]).map((event, index) => ({
      streamId: name,
      id: event.id,
      revision: (stream ? stream[stream.length - 1].revision + 1n : 0n) + BigInt(index),
      type: event.type,
      data: JSON.parse(JSON.stringify(event.data)),
      metadata: JSON.parse(JSON.stringify(event.metadata)),
      isJson: true as const,
      created: new Date(),
      position: { commit: 0n, prepare: (this.nextPrepare += 37n) },
    }));
    const commit = this.nextPrepare + 1n; // one commit record after the batch's prepares, shared by all of them
    this.nextPrepare = commit;
    for (const record of batch) record.position = { commit, prepare: record.position.prepare };
    this.streams.set(name, [...(stream ?? []), ...batch]);
    this.log.push(...batch);
    const last = batch[batch.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(
    name: string,
    { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {},
  ): AsyncIterableIterator<ResolvedEvent> {
    const streams = this.streams;
    const truncateBefore = this.truncateBefore(name);
    const tombstoned = this.tombstoned.has(name);
    return (async function* () {
      await tick();
      if (tombstoned) throw fail('stream-deleted', 'StreamDeletedError', { streamName: name });
      const stream = streams.get(name);
      if (!stream || truncateBefore === DELETED)
        throw fail('stream-not-found', 'StreamNotFoundError', { streamName: name });
      const backwards = direction === 'backwards';
      const from =
        fromRevision === 'start' ? 0n : fromRevision === 'end' ? stream[stream.length - 1].revision : fromRevision;
      const visible = stream.filter((r) => r.revision >= truncateBefore);
      const selected = backwards
        ? visible.filter((r) => r.revision <= from).reverse()
        : visible.filter((r) => r.revision >= from);
      for (const record of selected.slice(0, Number(maxCount)))
        yield { event: structuredClone(record) } as ResolvedEvent;
    })();
  }

  readAll({
    fromPosition = 'start',
    direction = 'forwards',
    maxCount = Number.MAX_SAFE_INTEGER,
    filter,
  }: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    const log = this.log;
    const regex = filter && 'regex' in filter ? new RegExp(filter.regex) : undefined;
    const on = (r: StoredRecord) => (filter?.filterOn === 'eventType' ? r.type : r.streamId);
    return (async function* () {
      await tick();
      const backwards = direction === 'backwards';
      const start =
        fromPosition === 'start'
          ? undefined
          : fromPosition === 'end'
            ? backwards
              ? undefined
              : log[log.length - 1]?.position
            : fromPosition;
      const compare = (p: Position) =>
        !start
          ? 0
          : p.commit !== start.commit
            ? p.commit > start.commit
              ? 1
              : -1
            : p.prepare === start.prepare
              ? 0
              : p.prepare > start.prepare
                ? 1
                : -1;
      const inRange = (p: Position) => !start || (backwards ? compare(p) <= 0 : compare(p) >= 0);
      const selected = log.filter((r) => inRange(r.position) && (!regex || regex.test(on(r))));
      if (backwards) selected.reverse();
      for (const record of selected.slice(0, Number(maxCount)))
        yield { event: structuredClone(record) } as AllStreamResolvedEvent;
    })();
  }

  /** Writes stream metadata as KurrentDB does: a `$metadata` event in the stream's metastream `$$<name>`. */
  async setStreamMetadata(name: string, metadata: StreamMetadata): Promise<AppendResult> {
    const data = Object.fromEntries(Object.entries(metadata).map(([key, value]) => [META_KEYS[key] ?? key, value]));
    return this.appendToStream(metastreamOf(name), {
      id: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data,
      metadata: {},
    } as EventData);
  }

  async getStreamMetadata(name: string): Promise<GetStreamMetadataResult> {
    const last = this.streams.get(metastreamOf(name))?.at(-1);
    if (!last) return { streamName: name };
    const back = Object.fromEntries(Object.entries(META_KEYS).map(([key, stored]) => [stored, key]));
    const metadata = Object.fromEntries(
      Object.entries(last.data as object).map(([key, value]) => [back[key] ?? key, value]),
    );
    return { streamName: name, metadata, metastreamRevision: last.revision };
  }

  /** Soft delete: `$tb` at the maximum; the events stay in `$all` until scavenged. */
  async deleteStream(name: string): Promise<DeleteResult> {
    if (!this.streams.has(name)) throw fail('stream-not-found', 'StreamNotFoundError', { streamName: name });
    const current = (await this.getStreamMetadata(name)).metadata ?? {};
    const { position } = await this.setStreamMetadata(name, { ...current, truncateBefore: Number(DELETED) });
    return { position };
  }

  /** Hard delete: a `$streamDeleted` record ends the stream for good. */
  async tombstoneStream(name: string): Promise<DeleteResult> {
    const prepare = (this.nextPrepare += 10n);
    const record: StoredRecord = {
      streamId: name,
      id: randomUUID(),
      revision: DELETED,
      type: '$streamDeleted',
      data: new Uint8Array(0),
      metadata: undefined,
      isJson: false,
      created: new Date(),
      position: { commit: prepare, prepare },
    };
    this.streams.set(name, [...(this.streams.get(name) ?? []), record]);
    this.log.push(record);
    this.tombstoned.add(name);
    return { position: record.position };
  }

  /** What a scavenge does: removes for good what truncation and deletes hid (tombstones and metadata stay). */
  scavenge(): void {
    const gone = (r: StoredRecord) =>
      !r.type.startsWith('$') && (this.tombstoned.has(r.streamId) || r.revision < this.truncateBefore(r.streamId));
    for (const [name, stream] of this.streams)
      this.streams.set(
        name,
        stream.filter((r) => !gone(r)),
      );
    this.log.splice(0, this.log.length, ...this.log.filter((r) => !gone(r)));
  }

  /** Changes a stored record in place, as someone with access to the database files could. */
  rewrite(
    name: string,
    revision: bigint,
    change: (record: { data: unknown; metadata: unknown; type: string }) => void,
  ): void {
    const record = this.streams.get(name)?.find((r) => r.revision === revision);
    if (!record) throw new Error(`No record ${name}@${revision}`);
    change(record); // the log holds the same object
  }

  private truncateBefore(name: string): bigint {
    const tb = (this.streams.get(metastreamOf(name))?.at(-1)?.data as { $tb?: number } | undefined)?.$tb;
    return tb === undefined ? 0n : tb >= Number.MAX_SAFE_INTEGER ? DELETED : BigInt(tb);
  }

  /** Another application's (or KurrentDB's own) events in the same database, which reads of `$all` must not deliver. */
  writeForeign(name: string, type = 'Foreign'): void {
    const prepare = (this.nextPrepare += 10n);
    const record: StoredRecord = {
      streamId: name,
      id: randomUUID(),
      revision: BigInt(this.streams.get(name)?.length ?? 0),
      type,
      data: {},
      metadata: {},
      isJson: true,
      created: new Date(),
      position: { commit: prepare, prepare },
    };
    this.streams.set(name, [...(this.streams.get(name) ?? []), record]);
    this.log.push(record);
  }

  async dispose(): Promise<void> {}
}
