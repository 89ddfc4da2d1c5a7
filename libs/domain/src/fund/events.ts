import { Message } from '../shared';

export type FundOpened = Message<'FundOpened', { fundId: string; name: string; year: number; budgetCents: number }>;

export type FundBudgetIncreased = Message<
  'FundBudgetIncreased',
  { fundId: string; amountCents: number; reason: string }
>;

export type GrantAwarded = Message<
  'GrantAwarded',
  { fundId: string; applicationId: string; caseId: string; amountCents: number; rationale?: string }
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

export type FundEvent = FundOpened | FundBudgetIncreased | GrantAwarded | ApplicationRejected | GrantDisbursed;

export const FUND_EVENT_TYPES = [
  'FundOpened',
  'FundBudgetIncreased',
  'GrantAwarded',
  'ApplicationRejected',
  'GrantDisbursed',
] as const satisfies readonly FundEvent['type'][];
