import { Message } from '../shared';

/** Amounts are integer euro cents. */
export type OpenFund = Message<'OpenFund', { fundId: string; name: string; year: number; budgetCents: number }>;

export type IncreaseFundBudget = Message<'IncreaseFundBudget', { fundId: string; amountCents: number; reason: string }>;

export type AwardGrant = Message<
  'AwardGrant',
  { fundId: string; applicationId: string; caseId: string; amountCents: number; rationale?: string }
>;

export type RejectApplication = Message<
  'RejectApplication',
  { fundId: string; applicationId: string; caseId: string; rationale: string }
>;

export type DisburseGrant = Message<'DisburseGrant', { fundId: string; applicationId: string; amountCents: number }>;

export type FundCommand = OpenFund | IncreaseFundBudget | AwardGrant | RejectApplication | DisburseGrant;

export const FUND_COMMAND_TYPES = [
  'OpenFund',
  'IncreaseFundBudget',
  'AwardGrant',
  'RejectApplication',
  'DisburseGrant',
] as const satisfies readonly FundCommand['type'][];
