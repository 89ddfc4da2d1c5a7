import { Message } from '../shared';
import {
  CaseOutcome,
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

/** Dates without time (`dueOn`, `startsOn`, …) are `YYYY-MM-DD`; amounts are integer euro cents. */

export type SubmitRequest = Message<
  'SubmitRequest',
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

export type AcknowledgeRequest = Message<
  'AcknowledgeRequest',
  { caseId: string; unitId: string; staffRef: string; note?: string }
>;

export type AssignContactPerson = Message<
  'AssignContactPerson',
  { caseId: string; staffRef: string; unitId: string; handoverNote?: string }
>;

export type RecordInteraction = Message<
  'RecordInteraction',
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

export type MakeCommitment = Message<
  'MakeCommitment',
  { caseId: string; commitmentId: string; promisor: Party; description: string; dueOn: string }
>;

export type FulfilCommitment = Message<'FulfilCommitment', { caseId: string; commitmentId: string }>;

export type RenegotiateCommitment = Message<
  'RenegotiateCommitment',
  { caseId: string; commitmentId: string; newDueOn: string; reason: string }
>;

export type WithdrawCommitment = Message<
  'WithdrawCommitment',
  { caseId: string; commitmentId: string; reason: string }
>;

export type ApplyForFunding = Message<
  'ApplyForFunding',
  { caseId: string; applicationId: string; fundId: string; amountRequestedCents: number; purpose: string }
>;

export type AgreeSupport = Message<
  'AgreeSupport',
  { caseId: string; supportId: string; kind: SupportKind; description: string }
>;

export type LogStaffTime = Message<
  'LogStaffTime',
  { caseId: string; unitId: string; staffRef: string; hours: number; activity: string }
>;

export type AgreeInterimUse = Message<
  'AgreeInterimUse',
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

export type ExtendInterimUse = Message<'ExtendInterimUse', { caseId: string; agreementId: string; newEndsOn: string }>;

export type EndInterimUse = Message<
  'EndInterimUse',
  { caseId: string; agreementId: string; reason: InterimUseEndReason }
>;

export type AssignSponsor = Message<'AssignSponsor', { caseId: string; sponsorRef: string; sponsorKind: SponsorKind }>;

export type LinkCouncilResolution = Message<
  'LinkCouncilResolution',
  { caseId: string; resolutionRef: string; body: string; decidedOn: string; outcome: CouncilResolutionOutcome }
>;

export type InstitutionaliseCase = Message<
  'InstitutionaliseCase',
  { caseId: string; form: InstitutionalisationForm; effectiveFrom: string; budgetLine?: string }
>;

export type RecordTrustFeedback = Message<
  'RecordTrustFeedback',
  { caseId: string; respondent: Party; scores: TrustScores; comment?: string }
>;

export type CloseCase = Message<'CloseCase', { caseId: string; outcome: CaseOutcome; rationale?: string }>;

export type ReopenCase = Message<'ReopenCase', { caseId: string; reason: string }>;

/**
 * The administration waits for the initiative (documents, a decision of its members, a founding):
 * its open deadlines and the dormancy clock pause (docs/METRICS.md, "Waiting for the initiative").
 * `until` (optional) is the last day of the wait; without ResumeCase the clocks run again after it.
 */
export type AwaitInitiative = Message<'AwaitInitiative', { caseId: string; reason: string; until?: string }>;

/** Ends the wait for the initiative: the paused clocks run again. */
export type ResumeCase = Message<'ResumeCase', { caseId: string }>;

/** Crypto-shreds the case's narratives (its free-text fields); role admin; accepted on closed cases too. */
export type ShredCaseNarratives = Message<'ShredCaseNarratives', { caseId: string; reason: string }>;

export type CaseCommand =
  | SubmitRequest
  | AcknowledgeRequest
  | AssignContactPerson
  | RecordInteraction
  | MakeCommitment
  | FulfilCommitment
  | RenegotiateCommitment
  | WithdrawCommitment
  | ApplyForFunding
  | AgreeSupport
  | LogStaffTime
  | AgreeInterimUse
  | ExtendInterimUse
  | EndInterimUse
  | AssignSponsor
  | LinkCouncilResolution
  | InstitutionaliseCase
  | RecordTrustFeedback
  | CloseCase
  | ReopenCase
  | AwaitInitiative
  | ResumeCase
  | ShredCaseNarratives;

export const CASE_COMMAND_TYPES = [
  'SubmitRequest',
  'AcknowledgeRequest',
  'AssignContactPerson',
  'RecordInteraction',
  'MakeCommitment',
  'FulfilCommitment',
  'RenegotiateCommitment',
  'WithdrawCommitment',
  'ApplyForFunding',
  'AgreeSupport',
  'LogStaffTime',
  'AgreeInterimUse',
  'ExtendInterimUse',
  'EndInterimUse',
  'AssignSponsor',
  'LinkCouncilResolution',
  'InstitutionaliseCase',
  'RecordTrustFeedback',
  'CloseCase',
  'ReopenCase',
  'AwaitInitiative',
  'ResumeCase',
  'ShredCaseNarratives',
] as const satisfies readonly CaseCommand['type'][];

/** The only commands a closed case accepts. */
export const COMMANDS_ACCEPTED_WHEN_CLOSED = [
  'ReopenCase',
  'RecordTrustFeedback',
  'ShredCaseNarratives',
] as const satisfies readonly CaseCommand['type'][];
