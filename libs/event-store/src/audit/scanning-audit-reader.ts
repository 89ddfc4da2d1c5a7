import { RecordedEvent, streamCategory } from '../port';
import type {
  AsOf,
  AuditReader,
  AuditScope,
  EventRange,
  StreamChunk,
  StreamHead,
  StreamReference,
} from './audit-reader';
import type { AuditSource, ScanFilter, StreamAddress, StreamRemoval } from './audit-source';

const DEFAULT_PAGE = 1000;

const headOf = (last: RecordedEvent): StreamHead => ({
  tenant: last.tenant,
  streamId: last.streamId,
  category: streamCategory(last.streamId),
  version: last.version,
  lastHash: last.hash,
});

const removedHead = ({ tenant, streamId }: StreamAddress, removal: StreamRemoval): StreamHead => ({
  tenant,
  streamId,
  category: streamCategory(streamId),
  version: removal.version,
  lastHash: null,
  removal: removal.evidence,
});

const matches = (event: RecordedEvent, filter: ScanFilter) =>
  (filter.tenant === undefined || event.tenant === filter.tenant) &&
  (filter.streamId === undefined || event.streamId === filter.streamId) &&
  (filter.categories === undefined || filter.categories.includes(streamCategory(event.streamId)));

const inTime = (event: RecordedEvent, { from, to }: EventRange) =>
  (from === undefined || event.recordedAt >= from) && (to === undefined || event.recordedAt < to);

/**
 * The audit read side for stores without tables to query (KurrentDB, in-memory): stream reads for
 * one stream, scans of the global order for everything else. Memory stays constant per event;
 * where a question is about streams (verification, findStreams) the stream addresses are collected
 * first, so memory grows with the number of streams in scope (their names only), never with events.
 * Without an index on record time or on `data.caseId`, time ranges and case timelines scan the
 * scope's global order from its start.
 */
export class ScanningAuditReader implements AuditReader {
  constructor(
    private readonly source: AuditSource,
    private readonly pageSize = DEFAULT_PAGE,
  ) {}

  async findStreams(streamId: string): Promise<StreamHead[]> {
    const tenants = new Set<string>();
    for await (const event of this.scan({ streamId })) tenants.add(event.tenant);
    const heads: StreamHead[] = [];
    for (const tenant of [...tenants].sort().slice(0, 100)) {
      const head = await this.streamHead(tenant, streamId);
      if (head) heads.push(head);
    }
    return heads;
  }

  async streamHead(tenant: string, streamId: string): Promise<StreamHead | undefined> {
    const last = await this.source.lastEvent(tenant, streamId);
    if (last) return headOf(last);
    const removal = await this.source.removal?.(tenant, streamId);
    return removal && removedHead({ tenant, streamId }, removal);
  }

  readStreamPage(tenant: string, streamId: string, fromVersion: number, limit: number): Promise<RecordedEvent[]> {
    return this.source.readStream(tenant, streamId, Math.max(1, fromVersion), limit);
  }

  async *iterateStreamAsOf(tenant: string, streamId: string, asOf: AsOf): AsyncIterable<RecordedEvent> {
    for await (const event of this.pagesOf(tenant, streamId)) {
      if ('position' in asOf) {
        // Positions rise with versions, so nothing after the first later event can qualify.
        if (event.position > asOf.position) return;
        yield event;
      } else if (event.recordedAt <= asOf.recordedAt) {
        yield event; // record times come from the writers' clocks: filter, do not stop
      }
    }
  }

  async *iterateEvents(range: EventRange): AsyncIterable<RecordedEvent> {
    const events =
      range.tenant !== undefined && range.streamId !== undefined
        ? this.pagesOf(range.tenant, range.streamId)
        : this.scan(range);
    for await (const event of events) if (inTime(event, range)) yield event;
  }

  async countEvents(range: EventRange): Promise<number> {
    let count = 0;
    for await (const _ of this.iterateEvents(range)) count += 1;
    return count;
  }

  async *iterateStreamChunks(scope: AuditScope): AsyncIterable<StreamChunk> {
    for (const address of await this.streamsIn(scope)) {
      const { tenant, streamId } = address;
      // The head is read first and bounds the stream's read, so an append during the pass is not a finding.
      const last = await this.source.lastEvent(tenant, streamId);
      if (!last) continue; // removed: iterateStreamsWithoutEvents reports it
      const head = headOf(last);
      for (let fromVersion = 1; ;) {
        const page = await this.source.readStream(tenant, streamId, fromVersion, this.pageSize);
        const events = page.filter((event) => event.version <= head.version);
        const done =
          page.length < this.pageSize ||
          events.length < page.length ||
          (events.at(-1)?.version ?? head.version) >= head.version;
        yield { tenant, streamId, head, events, last: done };
        if (done) break;
        fromVersion = page[page.length - 1].version + 1;
      }
    }
  }

  async *iterateStreamsWithoutEvents(scope: AuditScope): AsyncIterable<StreamHead> {
    const candidates: AsyncIterable<StreamAddress> | StreamAddress[] =
      scope.tenant !== undefined && scope.streamId !== undefined
        ? [{ tenant: scope.tenant, streamId: scope.streamId }]
        : (this.source.streamsWithRemovalMarks?.(scope) ?? []);
    for await (const address of candidates) {
      // A stream that still has events is checked by its chain (a truncated start is a version gap).
      if (await this.source.lastEvent(address.tenant, address.streamId)) continue;
      const removal = await this.source.removal?.(address.tenant, address.streamId);
      if (removal) yield removedHead(address, removal);
    }
  }

  async eventsReferencing(
    tenant: string,
    { streamId, id, field, categories }: StreamReference,
    afterPosition: number,
    limit: number,
  ): Promise<RecordedEvent[]> {
    const own: RecordedEvent[] = [];
    for await (const event of this.pagesOf(tenant, streamId)) {
      if (event.position > afterPosition) own.push(event);
      if (own.length >= limit) break;
    }
    const naming: RecordedEvent[] = [];
    for await (const event of this.scan({ tenant, categories: [...categories] })) {
      if (event.position > afterPosition && event.data[field] === id) naming.push(event);
      if (naming.length >= limit) break;
    }
    return [...own, ...naming].sort((a, b) => a.position - b.position).slice(0, limit);
  }

  /** The global order restricted to `filter`, whatever more the source delivers. */
  private async *scan(filter: ScanFilter): AsyncIterable<RecordedEvent> {
    for await (const event of this.source.scan(filter)) if (matches(event, filter)) yield event;
  }

  /** A stream in version order, page by page. */
  private async *pagesOf(tenant: string, streamId: string): AsyncIterable<RecordedEvent> {
    for (let fromVersion = 1; ;) {
      const page = await this.source.readStream(tenant, streamId, fromVersion, this.pageSize);
      yield* page;
      if (page.length < this.pageSize) return;
      fromVersion = page[page.length - 1].version + 1;
    }
  }

  /** The streams in scope by tenant and stream id; their names are held in memory, their events are not. */
  private async streamsIn(scope: AuditScope): Promise<StreamAddress[]> {
    if (scope.tenant !== undefined && scope.streamId !== undefined)
      return [{ tenant: scope.tenant, streamId: scope.streamId }];
    const keys = new Set<string>();
    for await (const event of this.scan(scope)) keys.add(`${event.tenant}\u0000${event.streamId}`);
    return [...keys].sort().map((key) => {
      const [tenant, streamId] = key.split('\u0000');
      return { tenant, streamId };
    });
  }
}
