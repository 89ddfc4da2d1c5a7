import type { RecordedEvent } from '../port';
import { ChainBreak, StreamChainVerifier } from '../hash-chain';
import type { AuditReader, AuditScope, StreamHead } from './audit-reader';

/**
 * Why a stream fails verification. Beyond the chain itself (ChainBreak): versions out of global
 * order, events missing at the end or added beyond the version the stream table records, events of a
 * stream the stream table does not know, and a recorded stream whose events are all gone.
 */
export type AuditBreakReason =
  | ChainBreak
  | 'position_order'
  | 'missing_tail'
  | 'unexpected_tail'
  | 'tail_hash_mismatch'
  | 'unknown_stream'
  | 'missing_events';

/** The first broken event of a damaged stream. eventId/position are null when the event is missing. */
export interface AuditFinding {
  readonly tenant: string;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string | null;
  readonly position: number | null;
  readonly reason: AuditBreakReason;
  readonly detail: string;
}

/**
 * Verifies one stream fed chunk by chunk: the hash chain and version sequence (StreamChainVerifier),
 * positions rising with versions, and the last event against the stream table's version and hash,
 * which is what reveals a deleted or an added last event.
 */
export class StreamAuditor {
  private readonly chain: StreamChainVerifier;
  private finding: AuditFinding | undefined;
  private lastEvent: RecordedEvent | undefined;
  private firstBeyondHead: RecordedEvent | undefined;
  private count = 0;

  constructor(
    readonly tenant: string,
    readonly streamId: string,
    private readonly head: StreamHead | undefined,
  ) {
    this.chain = new StreamChainVerifier(streamId);
  }

  feed(events: Iterable<RecordedEvent>): void {
    for (const event of events) {
      this.count += 1;
      if (this.finding) continue;
      if (!this.head) {
        this.finding = this.at(event, 'unknown_stream', 'event of a stream the stream table does not record: inserted');
        continue;
      }
      const broken = this.chain.feed([event]);
      if (broken) {
        this.finding = { tenant: this.tenant, ...broken };
        continue;
      }
      if (this.lastEvent && event.position <= this.lastEvent.position) {
        this.finding = this.at(
          event,
          'position_order',
          `global position ${event.position} is not after version ${this.lastEvent.version}'s position ${this.lastEvent.position}`,
        );
        continue;
      }
      this.lastEvent = event;
      if (event.version > this.head.version) this.firstBeyondHead ??= event;
    }
  }

  get eventsSeen(): number {
    return this.count;
  }

  /** Call after the last chunk: the first finding, if the stream is damaged. */
  finish(): AuditFinding | undefined {
    if (this.finding || !this.head) return this.finding;
    const last = this.lastEvent;
    const lastVersion = last?.version ?? 0;
    if (lastVersion < this.head.version) {
      return {
        tenant: this.tenant,
        streamId: this.streamId,
        version: lastVersion + 1,
        eventId: null,
        position: null,
        reason: 'missing_tail',
        detail: `the stream records version ${this.head.version} but its events end at version ${lastVersion}: event ${lastVersion + 1} and later were deleted`,
      };
    }
    if (this.firstBeyondHead) {
      return this.at(
        this.firstBeyondHead,
        'unexpected_tail',
        `the stream records version ${this.head.version}, yet events go on to version ${lastVersion}: inserted`,
      );
    }
    if (last && last.hash !== this.head.lastHash) {
      return this.at(last, 'tail_hash_mismatch', 'the last event is not the one whose hash the stream table records');
    }
    return undefined;
  }

  private at(event: RecordedEvent, reason: AuditBreakReason, detail: string): AuditFinding {
    return {
      tenant: this.tenant,
      streamId: this.streamId,
      version: event.version,
      eventId: event.eventId,
      position: event.position,
      reason,
      detail,
    };
  }
}

export interface VerifyProgress {
  readonly streams: number;
  readonly events: number;
  readonly broken: number;
}

export interface VerifyOptions extends AuditScope {
  /** Called after every stream (cheap; throttle on the caller's side). */
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Findings kept in the report (each damaged stream counts in `brokenStreams` regardless). Default 1000. */
  readonly maxFindings?: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly scope: { readonly tenant: string | null; readonly streamId: string | null };
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  readonly brokenStreams: number;
  /** The first broken event of each damaged stream (up to maxFindings). */
  readonly findings: readonly AuditFinding[];
  readonly findingsTruncated: boolean;
  readonly durationMs: number;
}

/** Verifies every stream in scope in one pass over the store, in constant memory. */
export async function verifyStore(reader: AuditReader, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const maxFindings = options.maxFindings ?? 1000;
  const findings: AuditFinding[] = [];
  let streams = 0;
  let events = 0;
  let brokenStreams = 0;
  const report = (finding: AuditFinding | undefined) => {
    streams += 1;
    if (finding) {
      brokenStreams += 1;
      if (findings.length < maxFindings) findings.push(finding);
    }
    options.onProgress?.({ streams, events, broken: brokenStreams });
  };

  let current: StreamAuditor | undefined;
  for await (const chunk of reader.iterateStreamChunks(options)) {
    current ??= new StreamAuditor(chunk.tenant, chunk.streamId, chunk.head);
    current.feed(chunk.events);
    events += chunk.events.length;
    if (chunk.last) {
      report(current.finish());
      current = undefined;
    }
  }
  for await (const head of reader.iterateStreamsWithoutEvents(options)) {
    report({
      tenant: head.tenant,
      streamId: head.streamId,
      version: 1,
      eventId: null,
      position: null,
      reason: 'missing_events',
      detail: head.removal ?? `the stream records version ${head.version} but has no events: all were deleted`,
    });
  }
  return {
    ok: brokenStreams === 0,
    scope: { tenant: options.tenant ?? null, streamId: options.streamId ?? null },
    streamsChecked: streams,
    eventsChecked: events,
    brokenStreams,
    findings,
    findingsTruncated: brokenStreams > findings.length,
    durationMs: Date.now() - started,
  };
}
