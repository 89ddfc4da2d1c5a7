/**
 * The dates Koproduktiv accepts: real calendar dates in the years 1900 to 2199. Events are never
 * rewritten, so a date accepted once is read for good: every reader must be able to compute with it
 * (the day after it, its month's end, its offset in the tenant's time zone) and PostgreSQL must be
 * able to store it. The range is wide enough for any municipal record and keeps clear of the corners
 * where arithmetic breaks (years below 100, the day after 9999-12-31, year 0).
 */
import { isBudgetPeriod, isCalendarDate } from './values';

export const SUPPORTED_YEARS = { first: 1900, last: 2199 } as const;

/** Said in every message about a date out of range. */
export const SUPPORTED_YEARS_TEXT = `in the years ${SUPPORTED_YEARS.first} to ${SUPPORTED_YEARS.last}`;

const yearSupported = (text: string): boolean => {
  const year = Number(text.slice(0, 4));
  return year >= SUPPORTED_YEARS.first && year <= SUPPORTED_YEARS.last;
};

/** A calendar date `YYYY-MM-DD` that exists and lies in the supported years. */
export const isSupportedDate = (value: string): boolean => isCalendarDate(value) && yearSupported(value);

/** A month `YYYY-MM` (01-12) in the supported years. */
export const isSupportedMonth = (value: string): boolean =>
  /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && yearSupported(value);

/** A staff-time budget period, a month `YYYY-MM` or a quarter `YYYY-Qn`, in the supported years. */
export const isSupportedPeriod = (value: string): boolean => isBudgetPeriod(value) && yearSupported(value);

/**
 * RFC 3339 date-time with a mandatory offset (`Z` or `±HH:MM`). Seconds may be omitted only where
 * `secondsOptional` is asked for (query parameters people type by hand).
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A date-time with offset whose written date exists and lies in the supported years, naming a real
 * instant. Seconds are required unless `secondsOptional`.
 */
export const isSupportedInstant = (value: string, { secondsOptional = false } = {}): boolean => {
  const match = DATE_TIME.exec(value);
  if (match === null || (match[3] === undefined && !secondsOptional) || !isSupportedDate(match[1])) return false;
  return Number.isFinite(Date.parse(value));
};
