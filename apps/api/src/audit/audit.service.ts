import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AggregateCategory, AnyDecider, deciders, DomainEvent } from '@koproduktiv/domain';
import { AsOf, AuditReader, ExportScope, exportLines, RecordedEvent, serializeEvent, verifyStore, VerifyReport } from '@koproduktiv/event-store';
import { ProblemError } from '@koproduktiv/platform';
import type { AuditEventDto, StreamEventsDto, StreamStateDto, TimelineDto } from './audit.dto';

export const AUDIT_READER = Symbol('AUDIT_READER');

const toAuditEvent = (event: RecordedEvent): AuditEventDto => serializeEvent(event);

export const streamNotFound = (streamId: string) =>
  new ProblemError(404, 'AUDIT.STREAM_NOT_FOUND', 'Not found', `Your tenant has no stream ${streamId}`, { streamId });

/** The audit use cases, always inside one tenant (the caller's). Read-only. */
@Injectable()
export class AuditService {
  constructor(@Inject(AUDIT_READER) private readonly reader: AuditReader) {}

  async streamEvents(tenant: string, streamId: string, fromVersion: number, limit: number): Promise<StreamEventsDto> {
    const head = await this.reader.streamHead(tenant, streamId);
    if (!head) throw streamNotFound(streamId);
    const events = await this.reader.readStreamPage(tenant, streamId, fromVersion, limit + 1);
    const page = events.slice(0, limit);
    return {
      streamId,
      version: head.version,
      events: page.map(toAuditEvent),
      nextFromVersion: events.length > limit ? events[limit].version : null,
    };
  }

  /** Folds the aggregate's evolve over exactly the events recorded by `asOf` (all events without it). */
  async stateAsOf(tenant: string, streamId: string, asOf: AsOf | undefined): Promise<StreamStateDto> {
    const head = await this.reader.streamHead(tenant, streamId);
    if (!head) throw streamNotFound(streamId);
    const category = streamId.slice(0, streamId.indexOf('-')) as AggregateCategory;
    const decider = deciders[category] as unknown as AnyDecider;
    let state = decider.initialState();
    const includedEvents: StreamStateDto['includedEvents'] = [];
    for await (const event of this.reader.iterateStreamAsOf(tenant, streamId, asOf ?? { position: Number.MAX_SAFE_INTEGER })) {
      state = decider.evolve(state, { type: event.type, data: event.data } as DomainEvent);
      includedEvents.push({
        version: event.version,
        position: event.position,
        eventId: event.eventId,
        type: event.type,
        recordedAt: event.recordedAt.toISOString(),
        occurredAt: event.occurredAt.toISOString(),
      });
    }
    return {
      streamId,
      category,
      asOf: {
        recordedAt: asOf && 'recordedAt' in asOf ? asOf.recordedAt.toISOString() : null,
        position: asOf && 'position' in asOf ? asOf.position : null,
      },
      version: includedEvents.at(-1)?.version ?? 0,
      includedEvents,
      state,
    };
  }

  async caseTimeline(tenant: string, caseId: string, afterPosition: number, limit: number): Promise<TimelineDto> {
    const events = await this.reader.caseTimeline(tenant, caseId, afterPosition, limit + 1);
    if (afterPosition === 0 && events.length === 0) throw streamNotFound(`case-${caseId}`);
    const page = events.slice(0, limit);
    return { caseId, events: page.map(toAuditEvent), nextAfterPosition: events.length > limit ? page[page.length - 1].position : null };
  }

  async verify(tenant: string, streamId: string | undefined): Promise<VerifyReport> {
    if (streamId && !(await this.reader.streamHead(tenant, streamId))) {
      // A stream whose row is gone but whose events remain is damage, not absence: verify decides.
      const [orphan] = await this.reader.readStreamPage(tenant, streamId, 1, 1);
      if (!orphan) throw streamNotFound(streamId);
    }
    return verifyStore(this.reader, { tenant, streamId });
  }

  /** JSON Lines of the tenant's events in scope, then the manifest line; streamed with backpressure. */
  async export(tenant: string, range: { streamId?: string; from?: Date; to?: Date }): Promise<Readable> {
    if (range.streamId && !(await this.reader.streamHead(tenant, range.streamId))) throw streamNotFound(range.streamId);
    const scope: ExportScope = {
      tenant,
      streamId: range.streamId ?? null,
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
    };
    return Readable.from(exportLines(this.reader.iterateEvents({ tenant, ...range }), scope), { objectMode: false });
  }
}
