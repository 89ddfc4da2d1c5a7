import { types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const defaultParser = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

// `2025-03-30 02:30:00.123456+02`, `…+05:30`, `…-03:30:45`: PostgreSQL's ISO output of timestamptz.
const ISO_OUTPUT = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/**
 * Parses PostgreSQL's usual timestamptz text with one regular expression and Date.UTC; anything
 * else (BC dates, infinity, other DateStyles) goes to pg's own parser. Every event read carries
 * two timestamps, and pg's general parser was a visible share of the command path's CPU.
 * Like pg's, it keeps milliseconds and drops further digits.
 */
export function parseTimestamptz(text: string): Date {
  const match = ISO_OUTPUT.exec(text);
  if (!match) return defaultParser(text);
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction = '',
    sign,
    offsetHours,
    offsetMinutes = '0',
    offsetSeconds = '0',
  ] = match;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset =
    (sign === '-' ? -1 : 1) * ((Number(offsetHours) * 60 + Number(offsetMinutes)) * 60 + Number(offsetSeconds)) * 1000;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  // Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(utc - offset);
  if (Number(year) < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

/** pg's type parsers with the faster timestamptz one, for a pool's `types` option. */
export const poolTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary'
      ? parseTimestamptz
      : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
};
