import { endOfLocalDay, localDate, localMonth, monthEnds } from '@koproduktiv/metrics';

/** Months whose ends are kept: a year of monthly charts for any date of the year before. */
export const KEPT_MONTHS = 24;

const monthsBefore = (month: string, n: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The instants a tenant's snapshots are kept for: the end of each of the last KEPT_MONTHS months
 * (the current one included: its end is what the time series' last point is as of) and the end of
 * today, in the tenant's time zone. These are what the Lagebild asks first: the summary as of today
 * and the monthly series up to this month.
 */
export function keptInstants(now: Date, timeZone: string, months = KEPT_MONTHS): Date[] {
  const month = localMonth(now, timeZone);
  const ends = monthEnds(monthsBefore(month, months - 1), month, timeZone).map((end) => end.asOf);
  const today = endOfLocalDay(localDate(now, timeZone), timeZone);
  return ends.some((end) => end.getTime() === today.getTime()) ? ends : [...ends, today];
}
