import {
  AppendResult,
  assertExpectedVersion,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  GlobalEvent,
  NO_STREAM_VERSION,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
} from '../port';
import { sealEvents } from '../hash-chain';
import type { AuditReadable, AuditReader } from '../audit/audit-reader';
import { eventStoreAuditSource } from '../audit/audit-source';
import { ScanningAuditReader } from '../audit/scanning-audit-reader';
import { sliceStream } from './slice-stream';

/** For unit tests of handlers and as the reference behaviour of the contract suite. Not durable. */
export class InMemoryEventStore implements EventStore, AuditReadable {
  private readonly log: GlobalEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const key = streamKey(tenant, streamId);
    const stream = this.streams.get(key) ?? [];
    const last = stream.at(-1);
    assertExpectedVersion(streamId, expected, last?.version ?? NO_STREAM_VERSION);
    const sealed = sealEvents(
      tenant,
      streamId,
      { version: last?.version ?? 0, lastHash: last?.hash ?? null },
      events,
      this.clock(),
    );
    const base = this.log.length;
    const recorded = sealed.map((event, index): GlobalEvent => {
      const position = base + index + 1;
      return { ...event, position, checkpoint: String(position) };
    });
    this.log.push(...recorded);
    this.streams.set(key, [...stream, ...recorded]);
    const tip = recorded.at(-1) ?? last;
    return { streamId, version: tip?.version ?? NO_STREAM_VERSION, position: tip?.position ?? 0, events: recorded };
  }

  async readStream(tenant: string, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return sliceStream(this.streams.get(streamKey(tenant, streamId)) ?? [], options);
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<ReadAllResult> {
    const start = after === undefined ? 0 : Number(after);
    const events = this.log.slice(start, start + maxCount);
    return { events, checkpoint: events.at(-1)?.checkpoint ?? after };
  }

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    return this.streams.get(streamKey(tenant, streamId))?.at(-1)?.version ?? NO_STREAM_VERSION;
  }

  /** The audit read side over this store's own reads (nothing here can be removed, so no removal marks). */
  auditReader(pageSize?: number): AuditReader {
    return new ScanningAuditReader(eventStoreAuditSource(this, pageSize), pageSize);
  }

  async close(): Promise<void> {}
}

const streamKey = (tenant: string, streamId: string) => `${tenant}\u0000${streamId}`;
