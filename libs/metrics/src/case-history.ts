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
import { addOnce, MetricsEvent, Timed, timedOf, upTo } from './timed';
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
export type CommitmentEntry = Timed & { readonly commitmentId: string; readonly promisor: Party; readonly dueOn: string };
export type CommitmentChangeEntry = Timed & {
  readonly commitmentId: string;
  readonly kind: 'renegotiated' | 'fulfilled' | 'withdrawn';
  /** Only for `renegotiated`. */
  readonly newDueOn?: string;
};
export type FundingApplicationEntry = Timed & { readonly applicationId: string; readonly fundId: string };
export type FundingDecisionEntry = Timed & { readonly applicationId: string; readonly decision: 'awarded' | 'rejected' };
/** SupportAgreed -> support, InterimUseAgreed -> interim_use, CaseInstitutionalised -> institutionalised. */
export type StageMoveEntry = Timed & { readonly stage: CaseStage };
export type ClosureEntry = Timed & { readonly kind: 'closed' | 'reopened'; readonly outcome?: CaseOutcome };
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
  'GrantAwarded',
  'ApplicationRejected',
] as const;

type Relevant = CaseEvent | GrantAwarded | ApplicationRejected;

const caseIdOf = (event: { data: unknown }): string | undefined => {
  const data = event.data as { caseId?: unknown } | null;
  return typeof data?.caseId === 'string' ? data.caseId : undefined;
};

/**
 * Folds one event into the history (pure). Events of another case, unknown types and an event already
 * folded (same position) leave it unchanged.
 */
export const foldCaseEvent = (history: CaseHistory, event: MetricsEvent): CaseHistory => {
  if (!(CASE_HISTORY_EVENT_TYPES as readonly string[]).includes(event.type)) return history;
  const caseId = caseIdOf(event);
  if (caseId === undefined || (history.caseId !== null && history.caseId !== caseId)) return history;
  const h: CaseHistory = history.caseId === null ? { ...history, caseId } : history;
  const t = timedOf(event);
  const e = { type: event.type, data: event.data } as Relevant | FundEvent;
  switch (e.type) {
    case 'RequestSubmitted': {
      const entry = { ...t, initiativeId: e.data.initiativeId, category: e.data.category };
      // Submitted once per case; should a duplicate appear, the first appended wins.
      return h.submitted !== null && h.submitted.pos <= t.pos ? h : { ...h, submitted: entry };
    }
    case 'RequestAcknowledged':
      return {
        ...h,
        acknowledgements: addOnce(h.acknowledgements, { ...t, unitId: e.data.unitId, staffRef: e.data.staffRef }),
      };
    case 'ContactPersonAssigned':
      return {
        ...h,
        contactAssignments: addOnce(h.contactAssignments, { ...t, staffRef: e.data.staffRef, unitId: e.data.unitId }),
      };
    case 'InteractionRecorded':
      return {
        ...h,
        interactions: addOnce(h.interactions, {
          ...t,
          staffRef: e.data.staffRef,
          unitId: e.data.unitId,
          initiatedBy: e.data.initiatedBy,
          participationLevel: e.data.participationLevel,
        }),
      };
    case 'CommitmentMade':
      return {
        ...h,
        commitments: addOnce(h.commitments, {
          ...t,
          commitmentId: e.data.commitmentId,
          promisor: e.data.promisor,
          dueOn: e.data.dueOn,
        }),
      };
    case 'CommitmentRenegotiated':
      return {
        ...h,
        commitmentChanges: addOnce(h.commitmentChanges, {
          ...t,
          commitmentId: e.data.commitmentId,
          kind: 'renegotiated',
          newDueOn: e.data.newDueOn,
        }),
      };
    case 'CommitmentFulfilled':
    case 'CommitmentWithdrawn':
      return {
        ...h,
        commitmentChanges: addOnce(h.commitmentChanges, {
          ...t,
          commitmentId: e.data.commitmentId,
          kind: e.type === 'CommitmentFulfilled' ? 'fulfilled' : 'withdrawn',
        }),
      };
    case 'FundingApplied':
      return {
        ...h,
        fundingApplications: addOnce(h.fundingApplications, {
          ...t,
          applicationId: e.data.applicationId,
          fundId: e.data.fundId,
        }),
      };
    case 'GrantAwarded':
    case 'ApplicationRejected':
      return {
        ...h,
        fundingDecisions: addOnce(h.fundingDecisions, {
          ...t,
          applicationId: e.data.applicationId,
          decision: e.type === 'GrantAwarded' ? 'awarded' : 'rejected',
        }),
      };
    case 'SupportAgreed':
      return { ...h, stageMoves: addOnce(h.stageMoves, { ...t, stage: 'support' }) };
    case 'InterimUseAgreed':
      return { ...h, stageMoves: addOnce(h.stageMoves, { ...t, stage: 'interim_use' }) };
    case 'CaseInstitutionalised':
      return { ...h, stageMoves: addOnce(h.stageMoves, { ...t, stage: 'institutionalised' }) };
    case 'InterimUseExtended':
      return { ...h, interimUseExtensions: addOnce(h.interimUseExtensions, t) };
    case 'StaffTimeLogged':
      return { ...h, staffTime: addOnce(h.staffTime, { ...t, unitId: e.data.unitId, hours: e.data.hours }) };
    case 'TrustFeedbackRecorded':
      return {
        ...h,
        trustFeedback: addOnce(h.trustFeedback, { ...t, respondent: e.data.respondent, scores: { ...e.data.scores } }),
      };
    case 'CaseClosed':
      return { ...h, closures: addOnce(h.closures, { ...t, kind: 'closed', outcome: e.data.outcome }) };
    case 'CaseReopened':
      return { ...h, closures: addOnce(h.closures, { ...t, kind: 'reopened' }) };
    default:
      return history;
  }
};

/** Folds many events, in any order. */
export const foldCaseEvents = (events: Iterable<MetricsEvent>, history: CaseHistory = emptyCaseHistory()): CaseHistory => {
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
    submitted: history.submitted !== null && Date.parse(history.submitted.at) <= t ? history.submitted : null,
    acknowledgements: upTo(history.acknowledgements, t),
    contactAssignments: upTo(history.contactAssignments, t),
    interactions: upTo(history.interactions, t),
    commitments: upTo(history.commitments, t),
    commitmentChanges: upTo(history.commitmentChanges, t),
    fundingApplications: upTo(history.fundingApplications, t),
    fundingDecisions: upTo(history.fundingDecisions, t),
    stageMoves: upTo(history.stageMoves, t),
    closures: upTo(history.closures, t),
    interimUseExtensions: upTo(history.interimUseExtensions, t),
    staffTime: upTo(history.staffTime, t),
    trustFeedback: upTo(history.trustFeedback, t),
  };
};
