import type { FundEvent } from '@koproduktiv/domain';
import { ratio, sum } from './stats';
import { addOnce, MetricsEvent, Timed, timedOf, upTo } from './timed';
import { toMs } from './time';

export type CentsEntry = Timed & { readonly amountCents: number };
export type GrantEntry = Timed & { readonly applicationId: string; readonly amountCents: number };

/** A fund's money flows, serialisable. */
export interface FundHistory {
  readonly v: 1;
  readonly fundId: string | null;
  /** FundOpened (budgetCents) and FundBudgetIncreased (amountCents). */
  readonly budget: readonly CentsEntry[];
  readonly awards: readonly GrantEntry[];
  readonly disbursements: readonly GrantEntry[];
}

export const emptyFundHistory = (fundId: string | null = null): FundHistory => ({
  v: 1,
  fundId,
  budget: [],
  awards: [],
  disbursements: [],
});

export const foldFundEvent = (history: FundHistory, event: MetricsEvent): FundHistory => {
  const e = { type: event.type, data: event.data } as FundEvent;
  if (!['FundOpened', 'FundBudgetIncreased', 'GrantAwarded', 'GrantDisbursed'].includes(e.type)) return history;
  if (history.fundId !== null && history.fundId !== e.data.fundId) return history;
  const h = { ...history, fundId: e.data.fundId };
  const t = timedOf(event);
  switch (e.type) {
    case 'FundOpened':
      return { ...h, budget: addOnce(h.budget, { ...t, amountCents: e.data.budgetCents }) };
    case 'FundBudgetIncreased':
      return { ...h, budget: addOnce(h.budget, { ...t, amountCents: e.data.amountCents }) };
    case 'GrantAwarded':
      return {
        ...h,
        awards: addOnce(h.awards, { ...t, applicationId: e.data.applicationId, amountCents: e.data.amountCents }),
      };
    case 'GrantDisbursed':
      return {
        ...h,
        disbursements: addOnce(h.disbursements, {
          ...t,
          applicationId: e.data.applicationId,
          amountCents: e.data.amountCents,
        }),
      };
    default:
      return history;
  }
};

export interface FundMetrics {
  fundId: string | null;
  budgetCents: number;
  awardedCents: number;
  disbursedCents: number;
  /** awarded / budget; null if the budget is 0. */
  awardedShare: number | null;
  /** disbursed / awarded; null if nothing is awarded. */
  disbursedShare: number | null;
}

/** Fund ratios as of T (entries with occurredAt <= T). */
export const computeFundMetrics = (history: FundHistory, asOf: Date): FundMetrics => {
  const t = toMs(asOf);
  const cents = (entries: readonly { amountCents: number }[]): number => sum(entries.map((e) => e.amountCents));
  const budgetCents = cents(upTo(history.budget, t));
  const awardedCents = cents(upTo(history.awards, t));
  const disbursedCents = cents(upTo(history.disbursements, t));
  return {
    fundId: history.fundId,
    budgetCents,
    awardedCents,
    disbursedCents,
    awardedShare: ratio(awardedCents, budgetCents),
    disbursedShare: ratio(disbursedCents, awardedCents),
  };
};
