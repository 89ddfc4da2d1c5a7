import { setTimeout as sleep } from 'node:timers/promises';
import {
  AllStreamResolvedEvent,
  KurrentDBClient,
  ReadStreamOptions as KurrentReadStreamOptions,
  RecordedEvent as KurrentRecord,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  Checkpoint,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  GlobalEvent,
  NO_STREAM_VERSION,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../port';
import { sealEvents, StreamTip } from '../hash-chain';
import type { AuditReadable, AuditReader } from '../audit/audit-reader';
import { ScanningAuditReader } from '../audit/scanning-audit-reader';
import { KurrentDbAuditSource } from './kurrentdb-audit-source';
import { planAppend, revisionOfVersion, versionOfRevision, versionOfState } from './expected-version';
import { conflictOf, isStreamNotFound, translateKurrentError } from './errors';
import { toEventData, toGlobalEvent, toRecordedEvent, whyNotOurs } from './event-mapping';
import { decodeKurrentCheckpoint, displayPosition, encodeKurrentCheckpoint, isAfter } from './position-codec';
import { readAllAfter } from './read-all-page';
import { fromStreamName, parseStreamName, streamNameRegex, toStreamName } from './stream-name';

/** An event in one of our streams that Koproduktiv did not write (no or invalid metadata of ours): left out of every read of the port. */
export interface ForeignEvent {
  /** The KurrentDB stream, and the tenant and stream id its name stands for. */
  readonly streamName: string;
  readonly tenant: string;
  readonly streamId: string;
  /** Its version (KurrentDB revision + 1) and, where known, its log position as the port shows positions. */
  readonly version: number;
  readonly position?: number;
  readonly eventId: string;
  readonly type: string;
}

export interface KurrentDbEventStoreOptions {
  /** Stream categories (`case`, `fund`, …) that reads of `$all` deliver; default: every stream named like ours. */
  readonly categories?: readonly string[];
  /** How often an `any`/`stream_exists` append re-reads the tip after losing a race before giving up. */
  readonly maxAppendAttempts?: number;
  /**
   * Told about a foreign event the first time this store meets it (e.g. to log a warning): reads
   * leave it out, so nothing else shows it; audit verification reports it too.
   */
  readonly onForeignEvent?: (event: ForeignEvent) => void;
}

/** The tip an append chains onto: our last event, and the stream's actual last revision (later than it only when foreign events follow it). */
interface KurrentTip extends StreamTip {
  readonly state: 'no_stream' | bigint;
}

/** How many foreign events a store remembers having reported (then it forgets them all and may report them again). */
const REPORTED_LIMIT = 10_000;

/**
 * Events in KurrentDB (formerly EventStoreDB), one KurrentDB stream per tenant and stream id (see
 * stream-name.ts). Appends read the stream's tip from the leader, seal the events onto its hash,
 * and append at exactly that revision, so a concurrent writer to the same stream gets a conflict
 * and never breaks the chain. `$all` is KurrentDB's commit order: nothing becomes visible behind
 * a position already read.
 *
 * Only events Koproduktiv wrote are delivered (see whyNotOurs). KurrentDB's own records (a
 * tombstone's `$streamDeleted`, `$metadata`) and foreign events (appended into our streams by
 * someone else) are left out of readStream, readAll and subscribe; readAll's checkpoint still moves
 * past them. A stream's version is that of its last event of ours, so a command decides and appends
 * as if a foreign event were not there (the append lands after it, at the stream's real end, and its
 * hash chains onto our last event); the hash chain verification reports the foreign event.
 */
export class KurrentDbEventStore implements EventStore, AuditReadable {
  private readonly regex: string;
  private readonly categories: readonly string[] | undefined;
  private readonly maxAppendAttempts: number;
  private readonly onForeignEvent: ((event: ForeignEvent) => void) | undefined;
  private readonly reported = new Set<string>();

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.categories = options.categories;
    this.regex = streamNameRegex(options.categories);
    this.maxAppendAttempts = options.maxAppendAttempts ?? 200;
    this.onForeignEvent = options.onForeignEvent;
  }

  /** `kurrentdb://`, `kurrentdb+discover://` (cluster via DNS/gossip), TLS options: whatever the client's connection string supports. */
  static fromConnectionString(url: string, options?: KurrentDbEventStoreOptions): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const name = toStreamName(tenant, streamId);
    for (let attempt = 1; ; attempt += 1) {
      const tip = await this.readTip(name);
      const plan = planAppend(streamId, expected, tip.version, tip.state);
      if (events.length === 0) return { streamId, version: tip.version, position: 0, events: [] };
      // Versions follow the stream's real end; the hash chains onto our last event.
      const sealed = sealEvents(
        tenant,
        streamId,
        { version: versionOfState(tip.state), lastHash: tip.lastHash },
        events,
        new Date(),
      );
      try {
        await this.client.appendToStream(name, sealed.map(toEventData), {
          streamState: plan.streamState,
          requiresLeader: true,
        });
      } catch (error) {
        const conflict = conflictOf(error);
        if (!conflict) translateKurrentError(error, undefined, streamId);
        if (!plan.retryOnConflict) throw new WrongExpectedVersionError(streamId, expected, conflict.actualVersion);
        if (attempt >= this.maxAppendAttempts) {
          throw new StoreUnavailableError(
            `Gave up appending to ${streamId} after ${attempt} lost races with other writers`,
            error,
          );
        }
        await sleep(Math.random() * Math.min(100, 2 ** attempt));
        continue;
      }
      const recorded = await this.readBack(name, sealed[0].version, sealed.length);
      const written = sealed.map((event, index) => {
        if (recorded[index]?.eventId !== event.eventId)
          throw new Error(`Append to ${name} did not read back as written`);
        return { ...event, position: recorded[index].position };
      });
      const last = written[written.length - 1];
      return { streamId, version: last.version, position: last.position, events: written };
    }
  }

  async readStream(tenant: string, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0 || (options.fromVersion !== undefined && options.fromVersion < 1 && backwards))
      return [];
    const fromRevision =
      options.fromVersion === undefined
        ? backwards
          ? 'end'
          : 'start'
        : revisionOfVersion(Math.max(1, options.fromVersion));
    const { events } = await this.readOwn(toStreamName(tenant, streamId), {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision,
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    return events;
  }

  /**
   * Up to `maxCount` of our events after `after`. Records that are not ours are skipped, and the
   * read goes on past them until it has `maxCount` events or reaches the end of `$all`, so fewer
   * events still mean "caught up"; the checkpoint is that of the last record looked at, so a page
   * that ends with (or holds only) skipped records still moves on.
   */
  async readAll({ after, maxCount }: ReadAllOptions): Promise<ReadAllResult> {
    let from = decodeKurrentCheckpoint(after);
    let checkpoint = after;
    const events: GlobalEvent[] = [];
    const filter = { filterOn: 'streamName', regex: this.regex, checkpointInterval: 1 } as const;
    while (events.length < maxCount) {
      const records = await readAllAfter(this.client, from, maxCount, filter);
      for (const record of records) {
        if (events.length === maxCount) break;
        if (this.isOurs(record)) events.push(toGlobalEvent(record));
        from = record.position;
        checkpoint = encodeKurrentCheckpoint(from);
      }
      if (records.length < maxCount) break;
    }
    return { events, checkpoint };
  }

  /**
   * A live catch-up subscription to `$all` with the same server-side filter as readAll, resuming
   * after `after`. Not part of the port: processors poll readAll, which works on every adapter; this
   * is for KurrentDB-specific consumers that want push delivery. Stop by breaking out of the loop.
   */
  async *subscribe({ after }: { after?: Checkpoint } = {}): AsyncGenerator<GlobalEvent, void, undefined> {
    const from = decodeKurrentCheckpoint(after);
    const subscription = this.client.subscribeToAll({
      fromPosition: from ?? 'start',
      filter: { filterOn: 'streamName', regex: this.regex, checkpointInterval: 1 },
    });
    try {
      for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
        if (resolved.event && isAfter(resolved.event.position, from) && this.isOurs(resolved.event))
          yield toGlobalEvent(resolved.event);
      }
    } catch (error) {
      translateKurrentError(error);
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /** The audit read side: stream reads, `$all` scans narrowed on the server, and the marks removals leave (see KurrentDbAuditSource). */
  auditReader(pageSize?: number): AuditReader {
    return new ScanningAuditReader(new KurrentDbAuditSource(this.client, this.categories, pageSize), pageSize);
  }

  /** The version of the stream's last event of ours (see the class comment on foreign events). */
  async streamVersion(tenant: string, streamId: string): Promise<number> {
    return (await this.readTip(toStreamName(tenant, streamId))).version;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Our last event's version and hash, and the stream's actual last revision, read from the leader so that the chain continues from the real tip. */
  private async readTip(name: string): Promise<KurrentTip> {
    const {
      events: [last],
      first,
    } = await this.readOwn(name, { direction: 'backwards', fromRevision: 'end', maxCount: 1, requiresLeader: true });
    return {
      version: last?.version ?? NO_STREAM_VERSION,
      lastHash: last?.hash ?? null,
      state: first ? first.revision : 'no_stream',
    };
  }

  /** The events just appended, for their log positions (the append answers with one position for the whole batch). */
  private async readBack(name: string, fromVersion: number, count: number): Promise<RecordedEvent[]> {
    return (
      await this.readOwn(name, {
        direction: 'forwards',
        fromRevision: revisionOfVersion(fromVersion),
        maxCount: count,
        requiresLeader: true,
      })
    ).events;
  }

  /**
   * Up to `maxCount` of our events of a stream read, reading on past records that are not ours;
   * `first` is the first record the read met, ours or not. A stream that does not exist reads as
   * empty.
   */
  private async readOwn(
    name: string,
    options: KurrentReadStreamOptions & { maxCount: number | bigint },
  ): Promise<{ events: RecordedEvent[]; first?: KurrentRecord }> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    let first: KurrentRecord | undefined;
    let fromRevision = options.fromRevision;
    let wanted = Number(options.maxCount);
    for (;;) {
      const records = await this.records(name, { ...options, fromRevision, maxCount: wanted });
      first ??= records[0];
      let taken = 0;
      for (const record of records) {
        if (this.isOurs(record)) {
          events.push(toRecordedEvent(record));
          taken += 1;
        }
      }
      const last = records.at(-1);
      if (taken === wanted || records.length < wanted || !last || (backwards && last.revision === 0n))
        return { events, first };
      wanted -= taken;
      fromRevision = backwards ? last.revision - 1n : last.revision + 1n;
    }
  }

  /** Drains a stream read; a stream that does not exist reads as empty. */
  private async records(name: string, options: KurrentReadStreamOptions): Promise<KurrentRecord[]> {
    const records: KurrentRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(name, options) as AsyncIterableIterator<ResolvedEvent>)
        if (resolved.event) records.push(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      translateKurrentError(error, undefined, parseStreamName(name)?.streamId ?? name);
    }
    return records;
  }

  /** Whether a record is an event of ours; a foreign one is reported (once) on the way. */
  private isOurs(record: KurrentRecord): boolean {
    const why = whyNotOurs(record);
    if (why === 'foreign') this.report(record);
    return why === undefined;
  }

  private report(record: KurrentRecord): void {
    const key = `${record.streamId}@${record.revision}`;
    if (!this.onForeignEvent || this.reported.has(key)) return;
    if (this.reported.size >= REPORTED_LIMIT) this.reported.clear();
    this.reported.add(key);
    const { tenant, streamId } = fromStreamName(record.streamId);
    try {
      this.onForeignEvent({
        streamName: record.streamId,
        tenant,
        streamId,
        version: versionOfRevision(record.revision),
        ...(record.position ? { position: displayPosition(record.position) } : {}),
        eventId: record.id,
        type: record.type,
      });
    } catch {
      // Telling about it must never stop the read that skips it.
    }
  }
}
