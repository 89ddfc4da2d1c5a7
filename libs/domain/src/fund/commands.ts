import { Message } from '../shared';

/** Amounts are integer euro cents; dates are calendar dates `YYYY-MM-DD`. */
export type OpenFund = Message<'OpenFund', { fundId: string; name: string; year: number; budgetCents: number }>;

export type IncreaseFundBudget = Message<'IncreaseFundBudget', { fundId: string; amountCents: number; reason: string }>;

/** The fund takes no further applications (Antragsschluss); the procedure of those received goes on. */
export type CloseFund = Message<'CloseFund', { fundId: string }>;

/**
 * Sent only by the process manager that follows FundingApplied on the cases (never over HTTP): the
 * fund receives the application or refuses it. The application's purpose stays on the case.
 */
export type ReceiveApplication = Message<
  'ReceiveApplication',
  { fundId: string; applicationId: string; caseId: string; amountRequestedCents: number }
>;

/**
 * `caseId` is the application's; it may be sent to make sure, and a different one is refused. At or
 * above the tenant's four-eyes threshold the award is only proposed (and the budget reserved).
 */
export type AwardGrant = Message<
  'AwardGrant',
  {
    fundId: string;
    applicationId: string;
    caseId?: string;
    amountCents: number;
    proofDueOn: string;
    fundedFrom?: string;
    fundedUntil?: string;
    rationale?: string;
  }
>;

/** Awards a proposed grant; by another person than the one who proposed it. */
export type ConfirmGrantAward = Message<'ConfirmGrantAward', { fundId: string; applicationId: string }>;

/** Withdraws a proposed award, releasing its reservation; the application is undecided again. */
export type WithdrawGrantProposal = Message<
  'WithdrawGrantProposal',
  { fundId: string; applicationId: string; reason?: string }
>;

export type RejectApplication = Message<
  'RejectApplication',
  { fundId: string; applicationId: string; caseId?: string; rationale: string }
>;

export type DisburseGrant = Message<'DisburseGrant', { fundId: string; applicationId: string; amountCents: number }>;

/** The Verwendungsnachweis: what was spent, and where the report lies in the municipality's document system. */
export type SubmitProofOfUse = Message<
  'SubmitProofOfUse',
  { fundId: string; applicationId: string; spentCents: number; reportRef: string; volunteerHours?: number }
>;

export type ProofOfUseOutcome = 'accepted' | 'partially_accepted' | 'rejected';
export const PROOF_OF_USE_OUTCOMES = [
  'accepted',
  'partially_accepted',
  'rejected',
] as const satisfies readonly ProofOfUseOutcome[];

export type ReviewProofOfUse = Message<
  'ReviewProofOfUse',
  { fundId: string; applicationId: string; outcome: ProofOfUseOutcome; acceptedCents: number; rationale: string }
>;

/** Widerruf und Rückforderung: at most what was paid out and not accepted nor reclaimed already. */
export type ReclaimGrant = Message<
  'ReclaimGrant',
  { fundId: string; applicationId: string; amountCents: number; reason: string }
>;

export type RecordRepayment = Message<
  'RecordRepayment',
  { fundId: string; applicationId: string; amountCents: number }
>;

/** Closes an awarded application; what was awarded and never paid out goes back to the budget. */
export type SettleApplication = Message<'SettleApplication', { fundId: string; applicationId: string }>;

export type FundCommand =
  | OpenFund
  | IncreaseFundBudget
  | CloseFund
  | ReceiveApplication
  | AwardGrant
  | ConfirmGrantAward
  | WithdrawGrantProposal
  | RejectApplication
  | DisburseGrant
  | SubmitProofOfUse
  | ReviewProofOfUse
  | ReclaimGrant
  | RecordRepayment
  | SettleApplication;

export const FUND_COMMAND_TYPES = [
  'OpenFund',
  'IncreaseFundBudget',
  'CloseFund',
  'ReceiveApplication',
  'AwardGrant',
  'ConfirmGrantAward',
  'WithdrawGrantProposal',
  'RejectApplication',
  'DisburseGrant',
  'SubmitProofOfUse',
  'ReviewProofOfUse',
  'ReclaimGrant',
  'RecordRepayment',
  'SettleApplication',
] as const satisfies readonly FundCommand['type'][];

/** Commands only Koproduktiv's own processes send; they have no HTTP route. */
export const INTERNAL_FUND_COMMAND_TYPES = ['ReceiveApplication'] as const satisfies readonly FundCommand['type'][];
