import { setImmediate as tick } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

const fail = (type: string, name: string, extra: object = {}) => Object.assign(new Error(`${name} (fake)`), { type, name, ...extra });

/**
 * A stand-in for the parts of KurrentDBClient the adapter uses, with KurrentDB's documented
 * semantics: 0-based revisions, expected stream states checked atomically, JSON round trips,
 * `$all` in commit order, a read of `$all` that includes the event at `fromPosition`, and
 * StreamNotFoundError for a missing stream. It proves the adapter's own logic (chaining, version
 * mapping, retries, paging) on machines without a server; it is no evidence of KurrentDB's behaviour.
 */
export class FakeKurrentDbClient {
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly log: StoredRecord[] = [];
  private nextPrepare = 100n;
  appends = 0;

  async appendToStream(name: string, events: EventData | EventData[], { streamState = 'any' }: AppendToStreamOptions = {}): Promise<AppendResult> {
    await tick();
    this.appends += 1;
    const stream = this.streams.get(name);
    const actualState = stream ? stream[stream.length - 1].revision : 'no_stream';
    const ok =
      streamState === 'any' ||
      (streamState === 'no_stream' && !stream) ||
      (streamState === 'stream_exists' && Boolean(stream)) ||
      streamState === actualState;
    if (!ok) throw fail('wrong-expected-version', 'WrongExpectedVersionError', { streamName: name, expectedState: streamState, actualState });
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

  readStream(name: string, { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {}): AsyncIterableIterator<ResolvedEvent> {
    const streams = this.streams;
    return (async function* () {
      await tick();
      const stream = streams.get(name);
      if (!stream) throw fail('stream-not-found', 'StreamNotFoundError', { streamName: name });
      const backwards = direction === 'backwards';
      const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? stream[stream.length - 1].revision : fromRevision;
      const selected = backwards ? stream.filter((r) => r.revision <= from).reverse() : stream.filter((r) => r.revision >= from);
      for (const record of selected.slice(0, Number(maxCount))) yield { event: structuredClone(record) } as ResolvedEvent;
    })();
  }

  readAll({ fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER, filter }: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    const log = this.log;
    const regex = filter && 'regex' in filter ? new RegExp(filter.regex) : undefined;
    return (async function* () {
      await tick();
      const start = fromPosition === 'start' ? undefined : fromPosition === 'end' ? log[log.length - 1]?.position : fromPosition;
      const atOrAfter = (p: Position) => !start || p.commit > start.commit || (p.commit === start.commit && p.prepare >= start.prepare);
      const selected = log.filter((r) => atOrAfter(r.position) && (!regex || regex.test(r.streamId)));
      for (const record of selected.slice(0, Number(maxCount))) yield { event: structuredClone(record) } as AllStreamResolvedEvent;
    })();
  }

  /** Another application's (or KurrentDB's own) events in the same database, which reads of `$all` must not deliver. */
  writeForeign(name: string, type = 'Foreign'): void {
    const prepare = (this.nextPrepare += 10n);
    const record: StoredRecord = {
      streamId: name, id: randomUUID(), revision: BigInt(this.streams.get(name)?.length ?? 0), type, data: {}, metadata: {},
      isJson: true, created: new Date(), position: { commit: prepare, prepare },
    };
    this.streams.set(name, [...(this.streams.get(name) ?? []), record]);
    this.log.push(record);
  }

  async dispose(): Promise<void> {}
}
