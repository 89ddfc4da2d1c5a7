/** Small pure helpers shared by the deciders. No clock, no I/O. */

/** Exhaustiveness check for discriminated unions: a compile error if a case is missing. */
export const assertNever = (value: never, what = 'value'): never => {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
};

/**
 * `{ [key]: value }` when `value` is defined, else `{}`. Spread it into event data so that optional
 * fields are omitted rather than stored as `undefined` (events are JSON-serialised and hashed).
 */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). Such strings order lexicographically. */
export const isCalendarDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
};

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** A period of a staff time budget: a month `YYYY-MM` (01-12) or a quarter `YYYY-Qn` (1-4). */
export const isBudgetPeriod = (value: string): boolean =>
  /^\d{4}-(0[1-9]|1[0-2])$/.test(value) || /^\d{4}-Q[1-4]$/.test(value);

/** An integer amount of euro cents greater than zero (and safely representable). */
export const isPositiveCents = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/** A finite number of hours, at least `min`. */
export const isFiniteAtLeast = (value: number, min: number): boolean => Number.isFinite(value) && value >= min;

/** A string with something other than whitespace in it. */
export const isNonBlank = (value: string | undefined): value is string =>
  value !== undefined && value.trim().length > 0;

/**
 * The record's own value for `key`, never an inherited one: ids come from callers, and an id such
 * as `constructor` must not find `Object.prototype.constructor`.
 */
export const ownValue = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
