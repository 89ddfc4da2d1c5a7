import type {
  KurrentDBClient,
  ReadStreamOptions,
  RecordedEvent as KurrentRecordedEvent,
  StreamMetadata,
} from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../port';
import type { AuditScope } from '../audit/audit-reader';
import type { AuditSource, ScanFilter, StreamAddress, StreamRemoval } from '../audit/audit-source';
import { isStreamDeleted, isStreamNotFound, translateKurrentError } from './errors';
import { isSystemRecord, toAuditedEvent } from './event-mapping';
import { revisionOfVersion } from './expected-version';
import { scanAll } from './read-all-page';
import { categoryOf, parseStreamName, scopeRegex, toStreamName } from './stream-name';

/** Records a removal leaves in `$all`: new stream metadata (`$$<stream>`: truncation, retention, soft delete) and tombstones. */
const REMOVAL_MARKS = '^\\$metadata$|^\\$streamDeleted$';

/** What a stream's metadata says about events it hides; undefined when it hides none. */
function retentionOf(metadata: StreamMetadata | undefined): string | undefined {
  if (!metadata) return undefined;
  const said: string[] = [];
  const { truncateBefore, maxCount, maxAge } = metadata;
  if (typeof truncateBefore === 'number' && truncateBefore >= Number.MAX_SAFE_INTEGER)
    said.push('soft-deleted (its metadata sets $tb to the maximum)');
  // Which $tb a soft delete writes differs between descriptions of KurrentDB (the maximum, or the
  // stream's next revision), so a $tb that hides every event may be either.
  else if (typeof truncateBefore === 'number' && truncateBefore > 0) {
    said.push(
      `truncated or soft-deleted: its metadata hides every event before version ${truncateBefore + 1} ($tb ${truncateBefore})`,
    );
  }
  if (typeof maxCount === 'number') said.push(`its metadata keeps only the last ${maxCount} event(s) ($maxCount)`);
  if (typeof maxAge === 'number') said.push(`its metadata drops events older than ${maxAge} s ($maxAge)`);
  return said.length ? said.join('; ') : undefined;
}

/**
 * The audit source over KurrentDB. Streams are read as streams; everything else scans `$all` with a
 * server-side stream-name filter narrowed to the question (a tenant, a category, a stream id), in
 * pages. KurrentDB has no stream table, so a stream's head is its last event; what can be found
 * instead are the marks its own ways of removing events leave: a truncation or retention setting
 * in the stream's metadata, a soft delete (also metadata) and a tombstone.
 */
export class KurrentDbAuditSource implements AuditSource {
  constructor(
    private readonly client: KurrentDBClient,
    /** The adapter's categories: streams outside them are not ours to audit. */
    private readonly categories: readonly string[] | undefined,
    private readonly pageSize = 1000,
  ) {}

  async *scan(filter: ScanFilter): AsyncIterable<RecordedEvent> {
    const categories =
      filter.categories && this.categories
        ? filter.categories.filter((c) => this.categories?.includes(c))
        : (filter.categories ?? this.categories);
    if (categories?.length === 0) return;
    const regex = scopeRegex({ categories, tenant: filter.tenant, streamId: filter.streamId });
    if (regex === undefined) return;
    for await (const record of scanAll(
      this.client,
      { filterOn: 'streamName', regex, checkpointInterval: 1 },
      this.pageSize,
    )) {
      if (!isSystemRecord(record) && parseStreamName(record.streamId)) yield toAuditedEvent(record);
    }
  }

  async readStream(tenant: string, streamId: string, fromVersion: number, maxCount: number): Promise<RecordedEvent[]> {
    const records = await this.records(toStreamName(tenant, streamId), {
      fromRevision: revisionOfVersion(fromVersion),
      maxCount,
    });
    return records.map(toAuditedEvent);
  }

  async lastEvent(tenant: string, streamId: string): Promise<RecordedEvent | undefined> {
    const [last] = await this.records(toStreamName(tenant, streamId), {
      direction: 'backwards',
      fromRevision: 'end',
      maxCount: 1,
    });
    return last && toAuditedEvent(last);
  }

  async removal(tenant: string, streamId: string): Promise<StreamRemoval | undefined> {
    const name = toStreamName(tenant, streamId);
    const evidence = (await this.isTombstoned(name))
      ? 'hard-deleted: the stream holds a tombstone'
      : retentionOf(await this.metadataOf(name));
    if (!evidence) return undefined;
    const last = await this.lastInAll(tenant, streamId);
    return {
      version: last?.version ?? 0,
      evidence: `${evidence}; ${last ? `$all still holds its events up to version ${last.version}` : 'none of its events is left in $all (scavenged)'}`,
    };
  }

  /** Scans `$all` for removal marks (a filter on event type: only those records travel). */
  async *streamsWithRemovalMarks(scope: AuditScope): AsyncIterable<StreamAddress> {
    const keys = new Set<string>();
    for await (const record of scanAll(
      this.client,
      { filterOn: 'eventType', regex: REMOVAL_MARKS, checkpointInterval: 1 },
      this.pageSize,
    )) {
      const address = parseStreamName(record.streamId.startsWith('$$') ? record.streamId.slice(2) : record.streamId);
      if (!address || (this.categories && !this.categories.includes(categoryOf(address.streamId)))) continue;
      if (
        (scope.tenant ?? address.tenant) !== address.tenant ||
        (scope.streamId ?? address.streamId) !== address.streamId
      )
        continue;
      keys.add(`${address.tenant}\u0000${address.streamId}`);
    }
    for (const key of [...keys].sort()) {
      const [tenant, streamId] = key.split('\u0000');
      yield { tenant, streamId };
    }
  }

  /** A stream read; a stream that does not exist, or was deleted, reads as empty. */
  private async records(name: string, options: ReadStreamOptions): Promise<KurrentRecordedEvent[]> {
    const records: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(name, options))
        if (resolved.event && !isSystemRecord(resolved.event)) records.push(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error) || isStreamDeleted(error)) return [];
      translateKurrentError(error);
    }
    return records;
  }

  private async isTombstoned(name: string): Promise<boolean> {
    try {
      for await (const _ of this.client.readStream(name, { maxCount: 1 })) break;
      return false;
    } catch (error) {
      if (isStreamDeleted(error)) return true;
      if (isStreamNotFound(error)) return false;
      translateKurrentError(error);
    }
  }

  private async metadataOf(name: string): Promise<StreamMetadata | undefined> {
    try {
      return (await this.client.getStreamMetadata(name)).metadata;
    } catch (error) {
      translateKurrentError(error);
    }
  }

  /** The stream's newest event still in `$all` (read backwards: one filtered scan, only for removed streams). */
  private async lastInAll(tenant: string, streamId: string): Promise<RecordedEvent | undefined> {
    const read = this.client.readAll({
      direction: 'backwards',
      fromPosition: 'end',
      maxCount: 2, // the tombstone, if any, comes first
      filter: { filterOn: 'streamName', regex: scopeRegex({ tenant, streamId }) as string, checkpointInterval: 1 },
    });
    try {
      for await (const resolved of read)
        if (resolved.event && !isSystemRecord(resolved.event)) return toAuditedEvent(resolved.event);
    } catch (error) {
      translateKurrentError(error);
    }
    return undefined;
  }
}
