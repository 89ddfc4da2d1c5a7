import type { FundHistory } from './fund-history';
import { ApplicationStatement, fundStatement, FundStatement, proofDueEnd } from './fund-statement';
import { median, ratio } from './stats';
import { DEFAULT_TIME_ZONE, days, isoMs, toMs } from './time';

/** The grant-procedure metrics of a set of applications (one fund's, or the cases' of an aggregate). */
export interface GrantProcedureMetrics {
  /** Awards whose proofDueOn has passed by T. */
  proofsPastDue: number;
  /** Of those, the ones without a review by T. */
  proofsOverdue: number;
  /** proofsOverdue / proofsPastDue; null if no award's proof is past due. */
  proofOverdueShare: number | null;
  /** Median over reviewed awards of first review − first proof submitted, in days; null if none. */
  daysToProofReview: number | null;
  /** Σ reclaimed / Σ disbursed; null if nothing was disbursed. */
  reclaimRate: number | null;
  /** Σ repaid / Σ reclaimed; null if nothing was reclaimed. */
  repaidShare: number | null;
}

export interface FundMetrics extends GrantProcedureMetrics {
  fundId: string | null;
  budgetCents: number;
  awardedCents: number;
  disbursedCents: number;
  /** awarded / budget; null if the budget is 0. */
  awardedShare: number | null;
  /** disbursed / awarded; null if nothing is awarded. */
  disbursedShare: number | null;
}

const total = (
  applications: readonly ApplicationStatement[],
  column: 'disbursedCents' | 'reclaimedCents' | 'repaidCents',
) => applications.reduce((sum, a) => sum + a[column], 0);

/** The grant-procedure metrics of applications as fundStatement gives them as of T. */
export const grantProcedureMetrics = (
  applications: readonly ApplicationStatement[],
  asOf: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): GrantProcedureMetrics => {
  const t = toMs(asOf);
  let pastDue = 0;
  let overdue = 0;
  const reviewDays: number[] = [];
  for (const a of applications) {
    const end = proofDueEnd(a, timeZone);
    if (end !== null && t > end && a.proof !== null) {
      pastDue += 1;
      if (a.proof === 'overdue') overdue += 1;
    }
    if (a.proofSubmittedAt !== null && a.proofReviewedAt !== null)
      reviewDays.push(days(isoMs(a.proofReviewedAt) - isoMs(a.proofSubmittedAt)));
  }
  const disbursed = total(applications, 'disbursedCents');
  const reclaimed = total(applications, 'reclaimedCents');
  return {
    proofsPastDue: pastDue,
    proofsOverdue: overdue,
    proofOverdueShare: ratio(overdue, pastDue),
    daysToProofReview: median(reviewDays),
    reclaimRate: ratio(reclaimed, disbursed),
    repaidShare: ratio(total(applications, 'repaidCents'), reclaimed),
  };
};

/** A fund's figures and metrics from its statement as of T. */
export const fundMetricsOf = (statement: FundStatement, timeZone: string = DEFAULT_TIME_ZONE): FundMetrics => ({
  fundId: statement.fundId,
  budgetCents: statement.budgetCents,
  awardedCents: statement.awardedCents,
  disbursedCents: statement.disbursedCents,
  awardedShare: ratio(statement.awardedCents, statement.budgetCents),
  disbursedShare: ratio(statement.disbursedCents, statement.awardedCents),
  ...grantProcedureMetrics(statement.applications, new Date(statement.asOf), timeZone),
});

/** A fund's figures and metrics as of T. */
export const computeFundMetrics = (
  history: FundHistory,
  asOf: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): FundMetrics => fundMetricsOf(fundStatement(history, asOf, timeZone), timeZone);
