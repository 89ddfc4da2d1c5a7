import type { EventStore, RecordedEvent } from '@koproduktiv/event-store';
import type { Party } from '@koproduktiv/domain';
import { carriesPersonalData, streamIdFor } from '@koproduktiv/domain';
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
  constructor(
    private readonly store: EventStore,
    private readonly personalData: PersonalData,
  ) {}

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
