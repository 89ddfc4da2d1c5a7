export type FundApplication =
  | Readonly<{ decision: 'awarded'; caseId: string; awardedCents: number; disbursedCents: number }>
  | Readonly<{ decision: 'rejected'; caseId: string }>;

export type FundState =
  | Readonly<{ status: 'unopened' }>
  | Readonly<{
      status: 'open';
      fundId: string;
      name: string;
      year: number;
      /** Initial budget plus all increases. */
      budgetCents: number;
      awardedCents: number;
      disbursedCents: number;
      /** Decided applications by applicationId. */
      applications: Readonly<Record<string, FundApplication>>;
    }>;

export type OpenedFund = Extract<FundState, { status: 'open' }>;

export const initialFundState = (): FundState => ({ status: 'unopened' });

/** What can still be awarded: budget (incl. increases) minus everything awarded. */
export const remainingBudgetCents = (fund: OpenedFund): number => fund.budgetCents - fund.awardedCents;
