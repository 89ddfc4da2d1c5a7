import type { StaffTimeBudgetSet } from '@koproduktiv/domain';
import { CaseHistory, StaffTimeEntry } from './case-history';
import { ratio, sum } from './stats';
import { addOnce, latest, MetricsEvent, msOf, Timed, timedOf, upTo } from './timed';
import {
  DEFAULT_TIME_ZONE,
  inPeriod,
  isMonthPeriod,
  isQuarterPeriod,
  monthsOfQuarter,
  quarterOfMonth,
  toMs,
} from './time';

export type BudgetEntry = Timed & { readonly period: string; readonly hours: number };

/** A unit's staff time budgets (StaffTimeBudgetSet), serialisable. */
export interface UnitHistory {
  readonly v: 1;
  readonly unitId: string | null;
  readonly budgets: readonly BudgetEntry[];
}

export const emptyUnitHistory = (unitId: string | null = null): UnitHistory => ({ v: 1, unitId, budgets: [] });

export const foldUnitEvent = (history: UnitHistory, event: MetricsEvent): UnitHistory => {
  if (event.type !== 'StaffTimeBudgetSet') return history;
  const { data } = event as unknown as StaffTimeBudgetSet;
  if (history.unitId !== null && history.unitId !== data.unitId) return history;
  return {
    v: 1,
    unitId: data.unitId,
    budgets: addOnce(history.budgets, { ...timedOf(event), period: data.period, hours: data.hours }),
  };
};

/** A budget set for exactly this period as of T: the latest by business time replaces earlier ones. */
const ownBudget = (budgets: readonly BudgetEntry[], period: string): number | null =>
  latest(budgets.filter((b) => b.period === period))?.hours ?? null;

/**
 * Budget hours for a period as of T.
 * - a month `YYYY-MM`: its own budget if one is set, else a third of its quarter's budget;
 * - a quarter `YYYY-Qn`: its own budget if one is set, else the sum of the own budgets its months
 *   have (a month without one adds nothing), null when none of them has one.
 */
export const budgetHours = (unit: UnitHistory, period: string, asOf: Date | number): number | null => {
  const budgets = upTo(unit.budgets, toMs(asOf));
  if (isMonthPeriod(period)) {
    const own = ownBudget(budgets, period);
    if (own !== null) return own;
    const quarter = ownBudget(budgets, quarterOfMonth(period));
    return quarter === null ? null : quarter / 3;
  }
  if (isQuarterPeriod(period)) {
    const own = ownBudget(budgets, period);
    if (own !== null) return own;
    const months = monthsOfQuarter(period)
      .map((month) => ownBudget(budgets, month))
      .filter((hours): hours is number => hours !== null);
    return months.length === 0 ? null : sum(months);
  }
  throw new RangeError(`Not a budget period YYYY-MM or YYYY-Qn: ${period}`);
};

/** StaffTimeLogged entries of a case (each carries the unit that logged it). */
export const staffTimeEntries = (history: CaseHistory): readonly StaffTimeEntry[] => history.staffTime;

export interface StaffTimeUse {
  unitId: string | null;
  period: string;
  loggedHours: number;
  budgetHours: number | null;
  /** loggedHours / budgetHours; null without a budget or with a budget of 0. */
  staffTimeUse: number | null;
}

/**
 * staffTimeUse of a unit for a period as of T: hours logged by the unit (StaffTimeLogged.unitId) with
 * business time <= T and local date (tenant time zone) in the period, over the period's budget.
 */
export const computeStaffTimeUse = (input: {
  unit: UnitHistory;
  entries: readonly StaffTimeEntry[];
  period: string;
  asOf: Date;
  timeZone?: string;
}): StaffTimeUse => {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const t = toMs(input.asOf);
  const loggedHours = sum(
    input.entries
      .filter((e) => e.unitId === input.unit.unitId && msOf(e) <= t && inPeriod(msOf(e), input.period, timeZone))
      .map((e) => e.hours),
  );
  const budget = budgetHours(input.unit, input.period, t);
  return {
    unitId: input.unit.unitId,
    period: input.period,
    loggedHours,
    budgetHours: budget,
    staffTimeUse: budget === null ? null : ratio(loggedHours, budget),
  };
};
