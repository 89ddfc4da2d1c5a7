import { Message } from '../shared';
import type { ProofOfUseOutcome } from './commands';

export type FundOpened = Message<'FundOpened', { fundId: string; name: string; year: number; budgetCents: number }>;

export type FundBudgetIncreased = Message<
  'FundBudgetIncreased',
  { fundId: string; amountCents: number; reason: string }
>;

export type FundClosed = Message<'FundClosed', { fundId: string }>;

/** The fund knows the application (from the case's FundingApplied); its purpose stays on the case. */
export type ApplicationReceived = Message<
  'ApplicationReceived',
  { fundId: string; applicationId: string; caseId: string; amountRequestedCents: number }
>;

/**
 * Why a fund refused an application: no fund of that id in the municipality (unknown, or another
 * municipality's), the fund takes no more applications, or another case's application has that id.
 */
export type ApplicationRefusal = 'FUND.NOT_FOUND' | 'FUND.CLOSED' | 'FUND.APPLICATION_ID_IN_USE';
export const APPLICATION_REFUSALS = [
  'FUND.NOT_FOUND',
  'FUND.CLOSED',
  'FUND.APPLICATION_ID_IN_USE',
] as const satisfies readonly ApplicationRefusal[];

/** On the fund's stream even when no such fund was ever opened, so the case timeline shows it. */
export type ApplicationRefused = Message<
  'ApplicationRefused',
  { fundId: string; applicationId: string; caseId: string; amountRequestedCents: number; code: ApplicationRefusal }
>;

/** What an award fixes: amount, the date the proof of use is due and the funded period. */
export interface AwardTerms {
  amountCents: number;
  proofDueOn: string;
  fundedFrom?: string;
  fundedUntil?: string;
}

/** An award at or above the four-eyes threshold, waiting for a second person; the amount is reserved. */
export type GrantAwardProposed = Message<
  'GrantAwardProposed',
  { fundId: string; applicationId: string; caseId: string; rationale?: string; proposedBy: string } & AwardTerms
>;

export type GrantProposalWithdrawn = Message<
  'GrantProposalWithdrawn',
  { fundId: string; applicationId: string; caseId: string; amountCents: number; reason?: string }
>;

/**
 * `proofDueOn` is null only for awards recorded before the grant procedure (schema version 1, upcast).
 * `proposedBy` is set when a second person confirmed a proposal (the event's actor).
 */
export type GrantAwarded = Message<
  'GrantAwarded',
  {
    fundId: string;
    applicationId: string;
    caseId: string;
    amountCents: number;
    proofDueOn: string | null;
    fundedFrom?: string;
    fundedUntil?: string;
    rationale?: string;
    proposedBy?: string;
  }
>;

export type ApplicationRejected = Message<
  'ApplicationRejected',
  { fundId: string; applicationId: string; caseId: string; rationale: string }
>;

/** `caseId` is copied from the award so that the case timeline can find the payment. */
export type GrantDisbursed = Message<
  'GrantDisbursed',
  { fundId: string; applicationId: string; caseId: string; amountCents: number }
>;

/** `reportRef` is a reference into the municipality's document system, not the report. */
export type ProofOfUseSubmitted = Message<
  'ProofOfUseSubmitted',
  {
    fundId: string;
    applicationId: string;
    caseId: string;
    spentCents: number;
    reportRef: string;
    volunteerHours?: number;
  }
>;

export type ProofOfUseReviewed = Message<
  'ProofOfUseReviewed',
  {
    fundId: string;
    applicationId: string;
    caseId: string;
    outcome: ProofOfUseOutcome;
    acceptedCents: number;
    rationale: string;
  }
>;

export type GrantReclaimed = Message<
  'GrantReclaimed',
  { fundId: string; applicationId: string; caseId: string; amountCents: number; reason: string }
>;

export type RepaymentRecorded = Message<
  'RepaymentRecorded',
  { fundId: string; applicationId: string; caseId: string; amountCents: number }
>;

/** `releasedCents`: awarded but never paid out, back in the budget. */
export type ApplicationSettled = Message<
  'ApplicationSettled',
  { fundId: string; applicationId: string; caseId: string; releasedCents: number }
>;

export type FundEvent =
  | FundOpened
  | FundBudgetIncreased
  | FundClosed
  | ApplicationReceived
  | ApplicationRefused
  | GrantAwardProposed
  | GrantProposalWithdrawn
  | GrantAwarded
  | ApplicationRejected
  | GrantDisbursed
  | ProofOfUseSubmitted
  | ProofOfUseReviewed
  | GrantReclaimed
  | RepaymentRecorded
  | ApplicationSettled;

export const FUND_EVENT_TYPES = [
  'FundOpened',
  'FundBudgetIncreased',
  'FundClosed',
  'ApplicationReceived',
  'ApplicationRefused',
  'GrantAwardProposed',
  'GrantProposalWithdrawn',
  'GrantAwarded',
  'ApplicationRejected',
  'GrantDisbursed',
  'ProofOfUseSubmitted',
  'ProofOfUseReviewed',
  'GrantReclaimed',
  'RepaymentRecorded',
  'ApplicationSettled',
] as const satisfies readonly FundEvent['type'][];
