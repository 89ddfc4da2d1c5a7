import { setTimeout as sleep } from 'node:timers/promises';
import { AllStreamResolvedEvent, KurrentDBClient, RecordedEvent as KurrentRecord, ResolvedEvent } from '@kurrent/kurrentdb-client';
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
import { planAppend, revisionOfVersion } from './expected-version';
import { conflictOf, isStreamNotFound, translateKurrentError } from './errors';
import { toEventData, toGlobalEvent, toRecordedEvent } from './event-mapping';
import { decodeKurrentCheckpoint, isAfter, KurrentPosition } from './position-codec';
import { readAllAfter } from './read-all-page';
import { streamNameRegex, toStreamName } from './stream-name';

export interface KurrentDbEventStoreOptions {
  /** Stream categories (`case`, `fund`, …) that reads of `$all` deliver; default: every stream named like ours. */
  readonly categories?: readonly string[];
  /** How often an `any`/`stream_exists` append re-reads the tip after losing a race before giving up. */
  readonly maxAppendAttempts?: number;
}

/**
 * Events in KurrentDB (formerly EventStoreDB), one KurrentDB stream per tenant and stream id (see
 * stream-name.ts). Appends read the stream's tip from the leader, seal the events onto its hash,
 * and append at exactly that revision, so a concurrent writer to the same stream gets a conflict
 * and never breaks the chain. `$all` is KurrentDB's commit order, so readers skip nothing.
 */
export class KurrentDbEventStore implements EventStore, AuditReadable {
  private readonly regex: string;
  private readonly categories: readonly string[] | undefined;
  private readonly maxAppendAttempts: number;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.categories = options.categories;
    this.regex = streamNameRegex(options.categories);
    this.maxAppendAttempts = options.maxAppendAttempts ?? 200;
  }

  /** `kurrentdb://`, `kurrentdb+discover://` (cluster via DNS/gossip), TLS options: whatever the client's connection string supports. */
  static fromConnectionString(url: string, options?: KurrentDbEventStoreOptions): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(tenant: string, streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    const name = toStreamName(tenant, streamId);
    for (let attempt = 1; ; attempt += 1) {
      const tip = await this.readTip(name);
      const plan = planAppend(streamId, expected, tip.version);
      if (events.length === 0) return { streamId, version: tip.version, position: 0, events: [] };
      const sealed = sealEvents(tenant, streamId, tip, events, new Date());
      try {
        await this.client.appendToStream(name, sealed.map(toEventData), { streamState: plan.streamState, requiresLeader: true });
      } catch (error) {
        const conflict = conflictOf(error);
        if (!conflict) translateKurrentError(error);
        if (!plan.retryOnConflict) throw new WrongExpectedVersionError(streamId, expected, conflict.actualVersion);
        if (attempt >= this.maxAppendAttempts) {
          throw new StoreUnavailableError(`Gave up appending to ${streamId} after ${attempt} lost races with other writers`, error);
        }
        await sleep(Math.random() * Math.min(100, 2 ** attempt));
        continue;
      }
      const recorded = await this.readBack(name, tip.version + 1, sealed.length);
      const written = sealed.map((event, index) => {
        if (recorded[index]?.eventId !== event.eventId) throw new Error(`Append to ${name} did not read back as written`);
        return { ...event, position: recorded[index].position };
      });
      const last = written[written.length - 1];
      return { streamId, version: last.version, position: last.position, events: written };
    }
  }

  async readStream(tenant: string, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0 || (options.fromVersion !== undefined && options.fromVersion < 1 && backwards)) return [];
    const fromRevision = options.fromVersion === undefined ? (backwards ? 'end' : 'start') : revisionOfVersion(Math.max(1, options.fromVersion));
    return this.collect(
      this.client.readStream(toStreamName(tenant, streamId), {
        direction: backwards ? 'backwards' : 'forwards',
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      }),
    );
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<ReadAllResult> {
    const from = decodeKurrentCheckpoint(after);
    const records = await readAllAfter(this.client, from, maxCount, { filterOn: 'streamName', regex: this.regex, checkpointInterval: 1 });
    const events: GlobalEvent[] = records.map((record) => toGlobalEvent(record as KurrentRecord & { position: KurrentPosition }));
    return { events, checkpoint: events.at(-1)?.checkpoint ?? after };
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
        if (resolved.event && isAfter(resolved.event.position, from)) yield toGlobalEvent(resolved.event);
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

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    return (await this.readTip(toStreamName(tenant, streamId))).version;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** The stream's version and last hash, read from the leader so that the chain continues from the real tip. */
  private async readTip(name: string): Promise<StreamTip> {
    const [last] = await this.collect(this.client.readStream(name, { direction: 'backwards', fromRevision: 'end', maxCount: 1, requiresLeader: true }));
    return last ? { version: last.version, lastHash: last.hash } : { version: NO_STREAM_VERSION, lastHash: null };
  }

  /** The events just appended, for their log positions (the append answers with one position for the whole batch). */
  private readBack(name: string, fromVersion: number, count: number): Promise<RecordedEvent[]> {
    return this.collect(
      this.client.readStream(name, { direction: 'forwards', fromRevision: revisionOfVersion(fromVersion), maxCount: count, requiresLeader: true }),
    );
  }

  /** Drains a stream read; a stream that does not exist reads as empty. */
  private async collect(read: AsyncIterableIterator<ResolvedEvent>): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event) events.push(toRecordedEvent(resolved.event));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      translateKurrentError(error);
    }
    return events;
  }
}
