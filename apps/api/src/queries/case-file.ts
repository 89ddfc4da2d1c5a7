import { auditReaderFor, type AuditReader, type EventStore, type RecordedEvent } from '@koproduktiv/event-store';
import type { Party } from '@koproduktiv/domain';
import { CASE_REFERENCES, carriesPersonalData, personalDataOf, streamIdFor } from '@koproduktiv/domain';
import { CommitmentChange, commitmentStatus, CommitmentStatus, MetricsSettings } from '@koproduktiv/metrics';
import type { PersonalData } from '@koproduktiv/personal-data';
import type { AccessContext } from '../audit/access-context';

export const CASE_FILES = Symbol('CASE_FILES');

/** A commitment as the case file shows it to the administration handling the case. */
export interface CaseFileCommitment {
  readonly commitmentId: string;
  readonly promisor: Party;
  /** In clear (the read is in the access log); null once the case's narratives were erased. */
  readonly description: string | null;
  readonly descriptionErasedAt: string | null;
  readonly madeAt: string;
  /** The due date as promised, and the one in force after renegotiations made in time. */
  readonly originalDueOn: string;
  readonly dueOn: string | null;
  /** As of now; null (with dueOn) for a due date stored before today's checks that is no calendar date. */
  readonly status: CommitmentStatus | null;
}

const assess = (commitment: Made, now: Date, settings: MetricsSettings) => {
  try {
    return commitmentStatus(commitment.dueOn, commitment.changes, now, settings.timeZone);
  } catch {
    return undefined;
  }
};

/** One entry of a case's history: what happened (business time) and when the service recorded it. */
export interface CaseHistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly position: number;
  /** Business time: when it happened, as the administration reported it. */
  readonly occurredAt: string;
  /** When the service stored it; later than occurredAt for anything entered after the fact. */
  readonly recordedAt: string;
  readonly actor: { readonly subject: string; readonly role: string };
  /** The event's data without its personal data (narratives stay in the case file's own places) and without the case id. */
  readonly details: Readonly<Record<string, unknown>>;
}

interface Made {
  readonly commitmentId: string;
  readonly promisor: Party;
  readonly dueOn: string;
  readonly description: unknown;
  readonly madeAt: string;
  readonly changes: CommitmentChange[];
}

/**
 * The parts of a clerk's case file that the read models do not keep, read from the case's stream:
 * its commitments with their descriptions. A description is a narrative (personal data, sealed per
 * case): opened for the clerk, and every such read recorded in the access log first, as for auditors.
 */
export class CaseFiles {
  private readonly reader: AuditReader;

  constructor(
    private readonly store: EventStore,
    private readonly personalData: PersonalData,
  ) {
    this.reader = auditReaderFor(store);
  }

  /**
   * Everything that happened in a case: its own events and the fund's decisions naming it, in
   * store order, a page after `afterPosition`; null when the municipality has no such case.
   */
  async history(
    tenant: string,
    caseId: string,
    afterPosition: number,
    limit: number,
  ): Promise<{ entries: CaseHistoryEntry[]; nextAfterPosition: number | null } | null> {
    const reference = { streamId: streamIdFor('case', caseId), id: caseId, ...CASE_REFERENCES };
    const events = await this.reader.eventsReferencing(tenant, reference, afterPosition, limit + 1);
    if (events.length === 0 && afterPosition === 0) return null;
    const page = events.slice(0, limit);
    return {
      entries: page.map(historyEntry),
      nextAfterPosition: events.length > limit ? page[page.length - 1].position : null,
    };
  }

  async commitments(access: AccessContext, caseId: string, settings: MetricsSettings, now: Date) {
    const events = await this.store.readStream(access.tenant, streamIdFor('case', caseId));
    const made = events.filter((event) => event.type === 'CommitmentMade');
    if (made.some(carriesPersonalData)) {
      await this.personalData.accessLog.record({
        ...access,
        action: 'case-file.commitments',
        target: `case-${caseId}`,
      });
    }
    const opened = new Map(
      (await this.personalData.codec.decode(access.tenant, made)).map((event) => [event.eventId, event]),
    );
    const byId = new Map<string, Made>();
    for (const event of events) this.fold(byId, event, opened.get(event.eventId));
    return [...byId.values()].map((commitment): CaseFileCommitment => {
      const assessed = assess(commitment, now, settings);
      const erased = commitment.description as { erased?: boolean; erasedAt?: string } | null;
      return {
        commitmentId: commitment.commitmentId,
        promisor: commitment.promisor,
        description: typeof commitment.description === 'string' ? commitment.description : null,
        descriptionErasedAt: erased?.erased ? (erased.erasedAt ?? null) : null,
        madeAt: commitment.madeAt,
        originalDueOn: commitment.dueOn,
        dueOn: assessed?.dueOn ?? null,
        status: assessed?.status ?? null,
      };
    });
  }

  private fold(byId: Map<string, Made>, event: RecordedEvent, opened: RecordedEvent | undefined): void {
    const data = event.data as { commitmentId?: string; promisor?: Party; dueOn?: string; newDueOn?: string };
    if (typeof data.commitmentId !== 'string') return;
    const at = event.occurredAt;
    if (event.type === 'CommitmentMade' && !byId.has(data.commitmentId)) {
      byId.set(data.commitmentId, {
        commitmentId: data.commitmentId,
        promisor: data.promisor as Party,
        dueOn: data.dueOn as string,
        description: (opened?.data as { description?: unknown } | undefined)?.description ?? null,
        madeAt: at.toISOString(),
        changes: [],
      });
      return;
    }
    const kind =
      event.type === 'CommitmentRenegotiated'
        ? 'renegotiated'
        : event.type === 'CommitmentFulfilled'
          ? 'fulfilled'
          : event.type === 'CommitmentWithdrawn'
            ? 'withdrawn'
            : undefined;
    if (kind) byId.get(data.commitmentId)?.changes.push({ kind, at, newDueOn: data.newDueOn, pos: event.position });
  }
}

function historyEntry(event: RecordedEvent): CaseHistoryEntry {
  const personal = new Set<string>(personalDataOf(event.type)?.fields ?? []);
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    position: event.position,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: { subject: event.metadata.actor.subject, role: event.metadata.actor.role },
    details: Object.fromEntries(
      Object.entries(event.data).filter(([field]) => field !== CASE_REFERENCES.field && !personal.has(field)),
    ),
  };
}
