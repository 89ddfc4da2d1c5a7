import { endOfLocalDay, localDate, localMonth, monthEnds } from '@koproduktiv/metrics';

/** Months whose ends are kept: a year of monthly charts for any date of the year before. */
export const KEPT_MONTHS = 24;

const monthsBefore = (month: string, n: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** Days whose ends are kept: today and the 30 days before, for a summary as of any day of the last month. */
export const KEPT_DAYS = 31;

/** The calendar date `n` days before `date` (YYYY-MM-DD). */
const daysBefore = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * The instants a tenant's snapshots are kept for, in its time zone: the end of each of the last
 * KEPT_MONTHS months (the current one included: its end is what the time series' last point is as
 * of) and the end of each of the last KEPT_DAYS days (today included). These are what the Lagebild
 * asks: the summary as of a day, the monthly series up to that day's month. Keeping a day costs
 * little after it was first taken: events recorded now fall after every day's end but today's.
 */
export function keptInstants(now: Date, timeZone: string, months = KEPT_MONTHS, days = KEPT_DAYS): Date[] {
  const month = localMonth(now, timeZone);
  const today = localDate(now, timeZone);
  const ends = monthEnds(monthsBefore(month, months - 1), month, timeZone).map((end) => end.asOf);
  for (let n = days - 1; n >= 0; n--) {
    const end = endOfLocalDay(daysBefore(today, n), timeZone);
    if (!ends.some((kept) => kept.getTime() === end.getTime())) ends.push(end);
  }
  return ends.sort((a, b) => a.getTime() - b.getTime());
}
