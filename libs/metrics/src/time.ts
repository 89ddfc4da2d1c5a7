/**
 * Time arithmetic for the metrics: days as decimals, and calendar dates of the tenant's time zone.
 * No clock and no dependency: time-zone offsets come from Intl.DateTimeFormat.
 */

export const MS_PER_DAY = 86_400_000;
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Milliseconds as decimal days, unrounded. */
export const days = (ms: number): number => ms / MS_PER_DAY;

/** `to − from` in decimal days. */
export const daysBetween = (from: Date | number, to: Date | number): number => days(toMs(to) - toMs(from));

export const toMs = (instant: Date | number | string): number =>
  typeof instant === 'number' ? instant : typeof instant === 'string' ? isoMs(instant) : instant.getTime();

/** The number written in text[from, to) in decimal digits; NaN if any is not a digit. */
const digits = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * Date.parse, about three times faster for the form every stored time has (toISOString's
 * `YYYY-MM-DDTHH:mm:ss.sssZ`); anything else goes to Date.parse.
 */
export const isoMs = (text: string): number => {
  const c = (i: number) => text.charCodeAt(i);
  // - - T : : . Z
  if (
    text.length !== 24 ||
    c(4) !== 45 ||
    c(7) !== 45 ||
    c(10) !== 84 ||
    c(13) !== 58 ||
    c(16) !== 58 ||
    c(19) !== 46 ||
    c(23) !== 90
  )
    return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  // NaN (a non-digit) fails every comparison.
  const valid =
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? Date.UTC(year, month - 1, day, hour, minute, second, digits(text, 20, 23)) : Date.parse(text);
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1];

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let found = formatters.get(timeZone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // Year 0 and before print as 1 BC, 2 BC, …: the era tells them from 1, 2, … AD.
      era: 'short',
    });
    formatters.set(timeZone, found);
  }
  return found;
};

/** Throws a RangeError for an unknown IANA time zone. */
export const assertTimeZone = (timeZone: string): void => {
  formatter(timeZone);
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallClock = (ms: number, timeZone: string): WallClock => {
  const parts: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: beforeChrist ? 1 - parts.year : parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
};

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/**
 * Date.UTC for any year: Date.UTC maps years 0 to 99 to 1900 to 1999, setUTCFullYear does not.
 * Month and day may overflow (day 32 is the next month's first), as with Date.UTC.
 */
export const utcMs = (
  year: number,
  monthIndex: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number => {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
};

/** Local wall-clock time minus UTC at that instant, in ms (Berlin: +3 600 000 in winter, +7 200 000 in summer). */
export const timeZoneOffsetMs = (instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): number => {
  const ms = toMs(instant);
  const w = wallClock(ms, timeZone);
  const wallAsUtc = utcMs(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - (ms - mod(ms, 1000));
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar date `YYYY-MM-DD` of an instant in the time zone. */
export const localDate = (instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string => {
  const w = wallClock(toMs(instant), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1-12) and day of a calendar date `YYYY-MM-DD` that exists; a RangeError otherwise. */
const parseDate = (date: string): [number, number, number] => {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(utcMs(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  }
  return [y, m, d];
};

/** The calendar date after `date` (the day after 9999-12-31 is 10000-01-01). */
export const nextDate = (date: string): string => {
  const [y, m, d] = parseDate(date);
  const next = new Date(utcMs(y, m - 1, d + 1));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
};

/** The local date of an instant as the UTC midnight of that date: comparable, whatever the year. */
const localDayMs = (ms: number, timeZone: string): number => {
  const w = wallClock(ms, timeZone);
  return utcMs(w.year, w.month - 1, w.day);
};

/**
 * The first instant of the local day (y, m, d), a day past the month's end counting on into the
 * next: no date string is made, so any year works, also the day after 9999-12-31.
 */
const startOfLocalDayMs = (y: number, m: number, d: number, timeZone: string): number => {
  const wall = utcMs(y, m - 1, d);
  // Two passes: the offset at the first guess may differ from the offset at the answer.
  let t = wall - timeZoneOffsetMs(wall, timeZone);
  t = wall - timeZoneOffsetMs(t, timeZone);
  const w = wallClock(t, timeZone);
  const exact =
    utcMs(w.year, w.month - 1, w.day) === wall &&
    w.hour === 0 &&
    w.minute === 0 &&
    w.second === 0 &&
    mod(t, 1000) === 0;
  return exact ? t : firstInstantOnOrAfter(wall, wall - MAX_OFFSET_MS, wall + MAX_OFFSET_MS, timeZone);
};

/**
 * No zone is 15 hours or more from UTC (the extremes are −12 and +14), so a local day begins within
 * 15 hours of its UTC midnight, also when the switch before it skipped a whole day (Pacific/Apia,
 * 2011-12-30): the search for its first instant looks that far either side.
 */
const MAX_OFFSET_MS = 15 * 3_600_000;

const startCache = new Map<string, number>();

/**
 * The first instant of a local calendar date (local midnight; in a zone that skips midnight on a
 * DST switch, the first instant that exists on that date).
 */
export const startOfLocalDay = (date: string, timeZone: string = DEFAULT_TIME_ZONE): Date => {
  const key = `${timeZone}|${date}`;
  let t = startCache.get(key);
  if (t === undefined) {
    t = startOfLocalDayMs(...parseDate(date), timeZone);
    if (startCache.size > 10_000) startCache.clear();
    startCache.set(key, t);
  }
  return new Date(t);
};

/** Binary search for the first ms in [lo, hi] whose local date is on or after the day `wallDay` (local dates increase with time). */
const firstInstantOnOrAfter = (wallDay: number, lo: number, hi: number, timeZone: string): number => {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayMs(mid, timeZone) >= wallDay) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/** By time zone, then date (a key of both would be a new string to hash at every call). */
const endCache = new Map<string, Map<string, number>>();

/** endOfLocalDay in epoch ms. Cached: every commitment's due date is asked for at every question. */
export const endOfLocalDayMs = (date: string, timeZone: string = DEFAULT_TIME_ZONE): number => {
  let byDate = endCache.get(timeZone);
  if (byDate === undefined) endCache.set(timeZone, (byDate = new Map()));
  let end = byDate.get(date);
  if (end === undefined) {
    const [y, m, d] = parseDate(date);
    end = startOfLocalDayMs(y, m, d + 1, timeZone) - 1;
    if (byDate.size > 10_000) byDate.clear();
    byDate.set(date, end);
  }
  return end;
};

/** The last instant of a local calendar date: `endOfLocalDay('2026-03-29')` = 2026-03-29T21:59:59.999Z. */
export const endOfLocalDay = (date: string, timeZone: string = DEFAULT_TIME_ZONE): Date =>
  new Date(endOfLocalDayMs(date, timeZone));

/** "On or before D": occurredAt <= D 23:59:59.999 local time. */
export const isOnOrBeforeLocalDay = (
  instant: Date | number,
  date: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean => toMs(instant) <= endOfLocalDayMs(date, timeZone);

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The local month `YYYY-MM` of an instant. */
export const localMonth = (instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string =>
  localDate(instant, timeZone).slice(0, 7);

/** The quarter `YYYY-Qn` a month `YYYY-MM` lies in. */
export const quarterOfMonth = (month: string): string => {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month YYYY-MM: ${month}`);
  return `${match[1]}-Q${Math.ceil(Number(match[2]) / 3)}`;
};

/** The three months `YYYY-MM` of a quarter `YYYY-Qn`. */
export const monthsOfQuarter = (quarter: string): [string, string, string] => {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`Not a quarter YYYY-Qn: ${quarter}`);
  const first = (Number(match[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${match[1]}-${pad(first + i)}`) as [string, string, string];
};

export const isMonthPeriod = (period: string): boolean => MONTH.test(period);
export const isQuarterPeriod = (period: string): boolean => QUARTER.test(period);

/** Whether an instant's local date lies in a budget period `YYYY-MM` or `YYYY-Qn`. */
export const inPeriod = (instant: Date | number, period: string, timeZone: string = DEFAULT_TIME_ZONE): boolean => {
  const month = localMonth(instant, timeZone);
  if (isMonthPeriod(period)) return month === period;
  if (isQuarterPeriod(period)) return quarterOfMonth(month) === period;
  throw new RangeError(`Not a budget period YYYY-MM or YYYY-Qn: ${period}`);
};

const lastDayOfMonth = (month: string): string => {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month YYYY-MM: ${month}`);
  const last = new Date(utcMs(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return `${month}-${pad(last)}`;
};

/** The last instant of a local month: the "as of" point of a monthly time series. */
export const endOfLocalMonth = (month: string, timeZone: string = DEFAULT_TIME_ZONE): Date =>
  endOfLocalDay(lastDayOfMonth(month), timeZone);

/** Every month from `fromMonth` to `toMonth` (inclusive) with its end instant, for time series. */
export const monthEnds = (
  fromMonth: string,
  toMonth: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): { month: string; asOf: Date }[] => {
  const result: { month: string; asOf: Date }[] = [];
  let month = lastDayOfMonth(fromMonth).slice(0, 7);
  lastDayOfMonth(toMonth);
  while (month <= toMonth) {
    result.push({ month, asOf: endOfLocalMonth(month, timeZone) });
    month = nextDate(lastDayOfMonth(month)).slice(0, 7);
  }
  return result;
};
