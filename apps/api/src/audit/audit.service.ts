import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  CASE_REFERENCES,
  carriesPersonalData,
  DataSubjectKind,
  personalDataOf,
  streamIdFor,
} from '@koproduktiv/domain';
import {
  AsOf,
  AuditReader,
  ExportScope,
  exportLines,
  RecordedEvent,
  serializeEvent,
  StreamReference,
  verifyStore,
  VerifyReport,
} from '@koproduktiv/event-store';
import { PersonalData } from '@koproduktiv/personal-data';
import { ProblemError } from '../http/problem-error';
import { replayStreamState } from '@koproduktiv/application';
import type { AccessContext } from './access-context';
import type {
  AuditEventDto,
  ResealsDto,
  StreamEventsDto,
  StreamStateDto,
  SubjectAccessDto,
  TimelineDto,
} from './audit.dto';

export const AUDIT_READER = Symbol('AUDIT_READER');
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');

export const streamNotFound = (streamId: string) =>
  new ProblemError(404, 'AUDIT.STREAM_NOT_FOUND', 'Not found', `Your tenant has no stream ${streamId}`, { streamId });

export const subjectNotFound = (kind: string, id: string) =>
  new ProblemError(404, 'AUDIT.SUBJECT_NOT_FOUND', 'Not found', `Your tenant holds nothing about ${kind} ${id}`, {
    kind,
    id,
  });

/** Where an event stands in its stream and the store, and its two times. */
const placeOf = (event: RecordedEvent) => ({
  version: event.version,
  position: event.position,
  eventId: event.eventId,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  occurredAt: event.occurredAt.toISOString(),
});

/** Where else Koproduktiv keeps data, and what of a data subject is there (nothing personal, by design). */
const ELSEWHERE = [
  {
    place: 'read models (rm_cases, rm_initiatives, rm_units, rm_funds, rm_fund_events)',
    holds: 'nothing personal: ids, titles, stages, dates, amounts, counts',
  },
  { place: 'Kafka integration events', holds: 'nothing personal: every personal-data field is withheld' },
  { place: 'idempotency records (kp_idempotency_keys)', holds: 'a SHA-256 hash of each keyed request, no content' },
  {
    place: 'exports made earlier (audit export)',
    holds:
      "the sealed form, and the data keys wrapped by the export's own key when one was given: readable by whoever holds both",
  },
];

/** The audit use cases, always inside one tenant (the caller's). Read-only, but every read of personal data in clear is logged. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AUDIT_READER) private readonly reader: AuditReader,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalData,
  ) {}

  async streamEvents(
    access: AccessContext,
    streamId: string,
    fromVersion: number,
    limit: number,
  ): Promise<StreamEventsDto> {
    const head = await this.reader.streamHead(access.tenant, streamId);
    if (!head) throw streamNotFound(streamId);
    const events = await this.reader.readStreamPage(access.tenant, streamId, fromVersion, limit + 1);
    const page = events.slice(0, limit);
    return {
      streamId,
      version: head.version,
      events: await this.inClear(access, 'audit.stream-events', streamId, page),
      nextFromVersion: events.length > limit ? events[limit].version : null,
    };
  }

  /** Folds the aggregate's evolve over exactly the events recorded by `asOf` (all events without it). States hold no personal data. */
  async stateAsOf(tenant: string, streamId: string, asOf: AsOf | undefined): Promise<StreamStateDto> {
    const head = await this.reader.streamHead(tenant, streamId);
    if (!head) throw streamNotFound(streamId);
    const includedEvents: StreamStateDto['includedEvents'] = [];
    const { category, state } = await replayStreamState(this.reader, tenant, streamId, asOf, (event) =>
      includedEvents.push(placeOf(event)),
    );
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

  async caseTimeline(
    access: AccessContext,
    caseId: string,
    afterPosition: number,
    limit: number,
  ): Promise<TimelineDto> {
    const events = await this.reader.eventsReferencing(access.tenant, caseReference(caseId), afterPosition, limit + 1);
    if (afterPosition === 0 && events.length === 0) throw streamNotFound(`case-${caseId}`);
    const page = events.slice(0, limit);
    return {
      caseId,
      events: await this.inClear(access, 'audit.case-timeline', `case-${caseId}`, page),
      nextAfterPosition: events.length > limit ? page[page.length - 1].position : null,
    };
  }

  /** Art. 15: everything held about one data subject, where and since when. */
  async subjectAccess(access: AccessContext, kind: DataSubjectKind, id: string): Promise<SubjectAccessDto> {
    const events = await this.eventsAbout(access.tenant, kind, id);
    if (events.length === 0) throw subjectNotFound(kind, id);
    const holding = events.filter(
      (event) => personalDataOf(event.type)?.subject === kind && carriesPersonalData(event),
    );
    const opened = await this.personalData.codec.decode(access.tenant, holding);
    const keys = await this.personalData.keys.history(access.tenant, { kind, id });
    await this.log(access, 'audit.subject-access', `${kind}/${id}`);
    return {
      kind,
      id,
      generatedAt: new Date().toISOString(),
      erased: keys.length > 0 && keys.every((key) => key.destroyedAt !== null),
      keys: keys.map((key) => ({
        keyId: key.keyId,
        createdAt: key.createdAt.toISOString(),
        destroyedAt: key.destroyedAt?.toISOString() ?? null,
      })),
      holdings: opened.map((event) => ({
        streamId: event.streamId,
        ...placeOf(event),
        fields: Object.fromEntries(
          (personalDataOf(event.type)?.fields ?? [])
            .filter((field) => event.data[field] !== undefined)
            .map((field) => [field, event.data[field]]),
        ),
      })),
      elsewhere: ELSEWHERE,
    };
  }

  /** The one rewrite events ever get (store encrypt-personal-data), with the chain heads before and after. */
  async reseals(tenant: string): Promise<ResealsDto> {
    const records = await this.personalData.reseals.ofTenant(tenant);
    return { reseals: records.map((record) => ({ ...record, resealedAt: record.resealedAt.toISOString() })) };
  }

  async verify(tenant: string, streamId: string | undefined): Promise<VerifyReport> {
    if (streamId && !(await this.reader.streamHead(tenant, streamId))) {
      // A stream whose row is gone but whose events remain is damage, not absence: verify decides.
      const [orphan] = await this.reader.readStreamPage(tenant, streamId, 1, 1);
      if (!orphan) throw streamNotFound(streamId);
    }
    return verifyStore(this.reader, { tenant, streamId });
  }

  /** JSON Lines of the tenant's events in scope as stored (personal data sealed), then the manifest line; streamed with backpressure. */
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

  /** Opens the personal data of a page; the read is logged first, so nothing is shown that the log does not record. */
  private async inClear(
    access: AccessContext,
    action: string,
    target: string,
    page: readonly RecordedEvent[],
  ): Promise<AuditEventDto[]> {
    if (page.some(carriesPersonalData)) await this.log(access, action, target);
    const opened = await this.personalData.codec.decode(access.tenant, page);
    return opened.map((event) => serializeEvent(event));
  }

  private async eventsAbout(tenant: string, kind: DataSubjectKind, id: string): Promise<RecordedEvent[]> {
    if (kind === 'case-narratives')
      return this.reader.eventsReferencing(tenant, caseReference(id), 0, Number.MAX_SAFE_INTEGER);
    const events: RecordedEvent[] = [];
    for await (const event of this.reader.iterateStreamAsOf(tenant, streamIdFor('initiative', id), {
      position: Number.MAX_SAFE_INTEGER,
    }))
      events.push(event);
    return events;
  }

  private log(access: AccessContext, action: string, target: string): Promise<void> {
    return this.personalData.accessLog.record({ ...access, action, target });
  }
}

/** A case's own stream and the events of other aggregates that name it (the domain catalogue's CASE_REFERENCES). */
const caseReference = (caseId: string): StreamReference => ({
  streamId: streamIdFor('case', caseId),
  id: caseId,
  ...CASE_REFERENCES,
});
