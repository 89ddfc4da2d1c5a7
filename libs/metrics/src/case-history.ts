import type {
  ApplicationRejected,
  CaseEvent,
  CaseOutcome,
  CaseStage,
  FundEvent,
  GrantAwarded,
  ParticipationLevel,
  Party,
  TrustScores,
} from '@koproduktiv/domain';
import { addOnce, MetricsEvent, msOf, Timed, timedOf, upTo } from './timed';
import { toMs } from './time';

export type SubmissionEntry = Timed & { readonly initiativeId: string; readonly category: string };
export type AcknowledgementEntry = Timed & { readonly unitId: string; readonly staffRef: string };
export type ContactAssignmentEntry = Timed & { readonly staffRef: string; readonly unitId: string };
export type InteractionEntry = Timed & {
  readonly staffRef: string;
  readonly unitId: string;
  readonly initiatedBy: Party;
  readonly participationLevel: ParticipationLevel;
};
export type CommitmentEntry = Timed & {
  readonly commitmentId: string;
  readonly promisor: Party;
  readonly dueOn: string;
};
export type CommitmentChangeEntry = Timed & {
  readonly commitmentId: string;
  readonly kind: 'renegotiated' | 'fulfilled' | 'withdrawn';
  /** Only for `renegotiated`. */
  readonly newDueOn?: string;
};
export type FundingApplicationEntry = Timed & { readonly applicationId: string; readonly fundId: string };
export type FundingDecisionEntry = Timed & {
  readonly applicationId: string;
  readonly decision: 'awarded' | 'rejected';
};
/** SupportAgreed -> support, InterimUseAgreed -> interim_use, CaseInstitutionalised -> institutionalised. */
export type StageMoveEntry = Timed & { readonly stage: CaseStage };
export type ClosureEntry = Timed & { readonly kind: 'closed' | 'reopened'; readonly outcome?: CaseOutcome };
/** InitiativeAwaited (with its `until`, a date) and CaseResumed. */
export type WaitEntry = Timed & { readonly kind: 'awaited' | 'resumed'; readonly until?: string };
export type StaffTimeEntry = Timed & { readonly unitId: string; readonly hours: number };
export type TrustFeedbackEntry = Timed & { readonly respondent: Party; readonly scores: TrustScores };

/**
 * What the metrics need of one case, folded from its events (the case stream, plus GrantAwarded and
 * ApplicationRejected from fund streams naming the case). Plain JSON: store it as a read-model row.
 *
 * Every entry keeps its business time, so a metric as of T filters here (see `caseHistoryAsOf`) and
 * a backdated event folded late lands in the right place. Folding is idempotent per event position
 * and independent of the order in which events are folded.
 */
export interface CaseHistory {
  readonly v: 1;
  readonly caseId: string | null;
  readonly submitted: SubmissionEntry | null;
  readonly acknowledgements: readonly AcknowledgementEntry[];
  readonly contactAssignments: readonly ContactAssignmentEntry[];
  readonly interactions: readonly InteractionEntry[];
  readonly commitments: readonly CommitmentEntry[];
  readonly commitmentChanges: readonly CommitmentChangeEntry[];
  readonly fundingApplications: readonly FundingApplicationEntry[];
  readonly fundingDecisions: readonly FundingDecisionEntry[];
  readonly stageMoves: readonly StageMoveEntry[];
  readonly closures: readonly ClosureEntry[];
  /** Waits for the initiative. Absent in histories stored before waits existed (read as empty). */
  readonly waits?: readonly WaitEntry[];
  readonly interimUseExtensions: readonly Timed[];
  readonly staffTime: readonly StaffTimeEntry[];
  readonly trustFeedback: readonly TrustFeedbackEntry[];
}

export const emptyCaseHistory = (caseId: string | null = null): CaseHistory => ({
  v: 1,
  caseId,
  submitted: null,
  acknowledgements: [],
  contactAssignments: [],
  interactions: [],
  commitments: [],
  commitmentChanges: [],
  fundingApplications: [],
  fundingDecisions: [],
  stageMoves: [],
  closures: [],
  waits: [],
  interimUseExtensions: [],
  staffTime: [],
  trustFeedback: [],
});

/** Event types that change a CaseHistory; everything else is ignored by `foldCaseEvent`. */
export const CASE_HISTORY_EVENT_TYPES = [
  'RequestSubmitted',
  'RequestAcknowledged',
  'ContactPersonAssigned',
  'InteractionRecorded',
  'CommitmentMade',
  'CommitmentFulfilled',
  'CommitmentRenegotiated',
  'CommitmentWithdrawn',
  'FundingApplied',
  'SupportAgreed',
  'StaffTimeLogged',
  'InterimUseAgreed',
  'InterimUseExtended',
  'CaseInstitutionalised',
  'TrustFeedbackRecorded',
  'CaseClosed',
  'CaseReopened',
  'InitiativeAwaited',
  'CaseResumed',
  'GrantAwarded',
  'ApplicationRejected',
] as const;

type Relevant = CaseEvent | GrantAwarded | ApplicationRejected;

/** The lists of a CaseHistory: every entry is appended once (per event position) in folding order. */
export type CaseHistoryList = Exclude<keyof CaseHistory, 'v' | 'caseId' | 'submitted'>;

/** What one event adds to its case's history: the submission, or an entry of one of the lists. */
export type CaseHistoryEntry =
  | { readonly caseId: string; readonly list: 'submitted'; readonly entry: SubmissionEntry }
  | { readonly caseId: string; readonly list: CaseHistoryList; readonly entry: Timed };

const HISTORY_TYPES: ReadonlySet<string> = new Set(CASE_HISTORY_EVENT_TYPES);

const caseIdOf = (event: { data: unknown }): string | undefined => {
  const data = event.data as { caseId?: unknown } | null;
  return typeof data?.caseId === 'string' ? data.caseId : undefined;
};

/** The entry an event contributes to its case's history; undefined for events that change none. */
export const caseHistoryEntry = (event: MetricsEvent): CaseHistoryEntry | undefined => {
  if (!HISTORY_TYPES.has(event.type)) return undefined;
  const caseId = caseIdOf(event);
  if (caseId === undefined) return undefined;
  // Each entry spelled out rather than spread from timedOf: a spread with more properties is several times slower.
  const { at, pos } = timedOf(event);
  const e = { type: event.type, data: event.data } as Relevant | FundEvent;
  const to = <L extends CaseHistoryList>(list: L, entry: NonNullable<CaseHistory[L]>[number]): CaseHistoryEntry => ({
    caseId,
    list,
    entry,
  });
  switch (e.type) {
    case 'RequestSubmitted':
      return {
        caseId,
        list: 'submitted',
        entry: { at, pos, initiativeId: e.data.initiativeId, category: e.data.category },
      };
    case 'RequestAcknowledged':
      return to('acknowledgements', { at, pos, unitId: e.data.unitId, staffRef: e.data.staffRef });
    case 'ContactPersonAssigned':
      return to('contactAssignments', { at, pos, staffRef: e.data.staffRef, unitId: e.data.unitId });
    case 'InteractionRecorded': {
      const { staffRef, unitId, initiatedBy, participationLevel } = e.data;
      return to('interactions', { at, pos, staffRef, unitId, initiatedBy, participationLevel });
    }
    case 'CommitmentMade':
      return to('commitments', {
        at,
        pos,
        commitmentId: e.data.commitmentId,
        promisor: e.data.promisor,
        dueOn: e.data.dueOn,
      });
    case 'CommitmentRenegotiated':
      return to('commitmentChanges', {
        at,
        pos,
        commitmentId: e.data.commitmentId,
        kind: 'renegotiated',
        newDueOn: e.data.newDueOn,
      });
    case 'CommitmentFulfilled':
    case 'CommitmentWithdrawn':
      return to('commitmentChanges', {
        at,
        pos,
        commitmentId: e.data.commitmentId,
        kind: e.type === 'CommitmentFulfilled' ? 'fulfilled' : 'withdrawn',
      });
    case 'FundingApplied':
      return to('fundingApplications', { at, pos, applicationId: e.data.applicationId, fundId: e.data.fundId });
    case 'GrantAwarded':
    case 'ApplicationRejected':
      return to('fundingDecisions', {
        at,
        pos,
        applicationId: e.data.applicationId,
        decision: e.type === 'GrantAwarded' ? 'awarded' : 'rejected',
      });
    case 'SupportAgreed':
      return to('stageMoves', { at, pos, stage: 'support' });
    case 'InterimUseAgreed':
      return to('stageMoves', { at, pos, stage: 'interim_use' });
    case 'CaseInstitutionalised':
      return to('stageMoves', { at, pos, stage: 'institutionalised' });
    case 'InterimUseExtended':
      return to('interimUseExtensions', { at, pos });
    case 'StaffTimeLogged':
      return to('staffTime', { at, pos, unitId: e.data.unitId, hours: e.data.hours });
    case 'TrustFeedbackRecorded':
      return to('trustFeedback', { at, pos, respondent: e.data.respondent, scores: { ...e.data.scores } });
    case 'CaseClosed':
      return to('closures', { at, pos, kind: 'closed', outcome: e.data.outcome });
    case 'CaseReopened':
      return to('closures', { at, pos, kind: 'reopened' });
    case 'InitiativeAwaited':
      return to(
        'waits',
        e.data.until === undefined ? { at, pos, kind: 'awaited' } : { at, pos, kind: 'awaited', until: e.data.until },
      );
    case 'CaseResumed':
      return to('waits', { at, pos, kind: 'resumed' });
    default:
      return undefined;
  }
};

/** Of two submissions, the first appended (lower position) wins, whatever the folding order. */
export const firstSubmission = (current: SubmissionEntry | null, candidate: SubmissionEntry): SubmissionEntry =>
  current !== null && current.pos <= candidate.pos ? current : candidate;

/**
 * Folds one event into the history (pure). Events of another case, unknown types and an event already
 * folded (same position) leave it unchanged.
 */
export const foldCaseEvent = (history: CaseHistory, event: MetricsEvent): CaseHistory => {
  const found = caseHistoryEntry(event);
  if (found === undefined || (history.caseId !== null && history.caseId !== found.caseId)) return history;
  const h: CaseHistory = history.caseId === null ? { ...history, caseId: found.caseId } : history;
  if (found.list === 'submitted') {
    const submitted = firstSubmission(h.submitted, found.entry);
    return submitted === h.submitted ? h : { ...h, submitted };
  }
  return { ...h, [found.list]: addOnce((h[found.list] ?? []) as readonly Timed[], found.entry) };
};

/** Folds many events, in any order. */
export const foldCaseEvents = (
  events: Iterable<MetricsEvent>,
  history: CaseHistory = emptyCaseHistory(),
): CaseHistory => {
  let h = history;
  for (const event of events) h = foldCaseEvent(h, event);
  return h;
};

/**
 * The history as of T: exactly the entries whose business time (occurredAt) is <= T, whenever they
 * were recorded. A case whose RequestSubmitted lies after T does not exist yet (`submitted` null).
 */
export const caseHistoryAsOf = (history: CaseHistory, asOf: Date | number): CaseHistory => {
  const t = toMs(asOf);
  return {
    v: 1,
    caseId: history.caseId,
    submitted: history.submitted !== null && msOf(history.submitted) <= t ? history.submitted : null,
    acknowledgements: upTo(history.acknowledgements, t),
    contactAssignments: upTo(history.contactAssignments, t),
    interactions: upTo(history.interactions, t),
    commitments: upTo(history.commitments, t),
    commitmentChanges: upTo(history.commitmentChanges, t),
    fundingApplications: upTo(history.fundingApplications, t),
    fundingDecisions: upTo(history.fundingDecisions, t),
    stageMoves: upTo(history.stageMoves, t),
    closures: upTo(history.closures, t),
    waits: upTo(history.waits ?? [], t),
    interimUseExtensions: upTo(history.interimUseExtensions, t),
    staffTime: upTo(history.staffTime, t),
    trustFeedback: upTo(history.trustFeedback, t),
  };
};
