import { Message } from '../shared';
import {
  CaseOutcome,
  CaseStage,
  CouncilResolutionOutcome,
  InstitutionalisationForm,
  InteractionKind,
  InterimUseEndReason,
  ParticipationLevel,
  Party,
  PropertyKind,
  RequestChannel,
  RequestedSupportKind,
  SponsorKind,
  SupportKind,
  TrustScores,
} from './values';

export type RequestSubmitted = Message<
  'RequestSubmitted',
  {
    caseId: string;
    initiativeId: string;
    title: string;
    description: string;
    category: string;
    channel: RequestChannel;
    requestedSupport: readonly RequestedSupportKind[];
  }
>;

export type RequestAcknowledged = Message<
  'RequestAcknowledged',
  { caseId: string; unitId: string; staffRef: string; note?: string }
>;

export type ContactPersonAssigned = Message<
  'ContactPersonAssigned',
  { caseId: string; staffRef: string; unitId: string; handoverNote?: string }
>;

export type InteractionRecorded = Message<
  'InteractionRecorded',
  {
    caseId: string;
    interactionId: string;
    kind: InteractionKind;
    initiatedBy: Party;
    participationLevel: ParticipationLevel;
    staffRef: string;
    unitId: string;
    durationMinutes: number;
    summary: string;
  }
>;

export type CommitmentMade = Message<
  'CommitmentMade',
  { caseId: string; commitmentId: string; promisor: Party; description: string; dueOn: string }
>;

export type CommitmentFulfilled = Message<'CommitmentFulfilled', { caseId: string; commitmentId: string }>;

export type CommitmentRenegotiated = Message<
  'CommitmentRenegotiated',
  { caseId: string; commitmentId: string; newDueOn: string; reason: string }
>;

export type CommitmentWithdrawn = Message<
  'CommitmentWithdrawn',
  { caseId: string; commitmentId: string; reason: string }
>;

export type FundingApplied = Message<
  'FundingApplied',
  { caseId: string; applicationId: string; fundId: string; amountRequestedCents: number; purpose: string }
>;

/** Moves the case from request to support (never backwards). */
export type SupportAgreed = Message<
  'SupportAgreed',
  { caseId: string; supportId: string; kind: SupportKind; description: string }
>;

export type StaffTimeLogged = Message<
  'StaffTimeLogged',
  { caseId: string; unitId: string; staffRef: string; hours: number; activity: string }
>;

/** Moves the case to interim_use (never backwards). */
export type InterimUseAgreed = Message<
  'InterimUseAgreed',
  {
    caseId: string;
    agreementId: string;
    propertyRef: string;
    propertyKind: PropertyKind;
    startsOn: string;
    endsOn: string;
    licenceToTry: boolean;
    conditions: readonly string[];
  }
>;

export type InterimUseExtended = Message<
  'InterimUseExtended',
  { caseId: string; agreementId: string; newEndsOn: string }
>;

export type InterimUseEnded = Message<
  'InterimUseEnded',
  { caseId: string; agreementId: string; reason: InterimUseEndReason }
>;

export type SponsorAssigned = Message<
  'SponsorAssigned',
  { caseId: string; sponsorRef: string; sponsorKind: SponsorKind }
>;

export type CouncilResolutionLinked = Message<
  'CouncilResolutionLinked',
  { caseId: string; resolutionRef: string; body: string; decidedOn: string; outcome: CouncilResolutionOutcome }
>;

/** Moves the case to institutionalised. */
export type CaseInstitutionalised = Message<
  'CaseInstitutionalised',
  { caseId: string; form: InstitutionalisationForm; effectiveFrom: string; budgetLine?: string }
>;

export type TrustFeedbackRecorded = Message<
  'TrustFeedbackRecorded',
  { caseId: string; respondent: Party; scores: TrustScores; comment?: string }
>;

/** `stage`: the stage the case was in when it was closed (closing does not change it). */
export type CaseClosed = Message<
  'CaseClosed',
  { caseId: string; outcome: CaseOutcome; rationale?: string; stage: CaseStage }
>;

/** `stage`: the stage the case returns to, the one it was closed in. */
export type CaseReopened = Message<'CaseReopened', { caseId: string; reason: string; stage: CaseStage }>;

/**
 * The administration waits for the initiative from this event's business time; `until` (a date) is
 * the wait's last day. `reason` is a narrative (personal data).
 */
export type InitiativeAwaited = Message<'InitiativeAwaited', { caseId: string; reason: string; until?: string }>;

/** The wait for the initiative ended. */
export type CaseResumed = Message<'CaseResumed', { caseId: string }>;

/** The case's narrative keys are destroyed; every narrative written before reads as erased. */
export type CaseNarrativesShredded = Message<'CaseNarrativesShredded', { caseId: string; reason: string }>;

export type CaseEvent =
  | RequestSubmitted
  | RequestAcknowledged
  | ContactPersonAssigned
  | InteractionRecorded
  | CommitmentMade
  | CommitmentFulfilled
  | CommitmentRenegotiated
  | CommitmentWithdrawn
  | FundingApplied
  | SupportAgreed
  | StaffTimeLogged
  | InterimUseAgreed
  | InterimUseExtended
  | InterimUseEnded
  | SponsorAssigned
  | CouncilResolutionLinked
  | CaseInstitutionalised
  | TrustFeedbackRecorded
  | CaseClosed
  | CaseReopened
  | InitiativeAwaited
  | CaseResumed
  | CaseNarrativesShredded;

export const CASE_EVENT_TYPES = [
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
  'InterimUseEnded',
  'SponsorAssigned',
  'CouncilResolutionLinked',
  'CaseInstitutionalised',
  'TrustFeedbackRecorded',
  'CaseClosed',
  'CaseReopened',
  'InitiativeAwaited',
  'CaseResumed',
  'CaseNarrativesShredded',
] as const satisfies readonly CaseEvent['type'][];
