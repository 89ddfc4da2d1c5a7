import type { DomainCommand } from '@koproduktiv/domain';
import { addDays, StoryStep } from './script';

/** The calendar the story is written in (its routines stop a few days before the end). */
export const WRITTEN_START = '2023-01-02';
export const WRITTEN_END = '2025-12-31';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
const DATE_FIELDS = new Set([
  'dueOn',
  'newDueOn',
  'startsOn',
  'endsOn',
  'newEndsOn',
  'decidedOn',
  'effectiveFrom',
  'proofDueOn',
  'fundedFrom',
  'fundedUntil',
]);

const monthOf = (day: string) => day.slice(0, 7);
const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * How many days the story moves so that its last step (`lastDay`, as written) falls in the month
 * of `now`: whole weeks (weekdays stay weekdays, so every gap, due date and late answer keeps its
 * length), the last step as close before `now` as that allows. Early in a month, when that would
 * be last month, the last step lands in the first days of this month instead, and the steps after
 * `now` wait for a later run.
 */
export function shiftToEndIn(now: Date, lastDay: string): number {
  const days = Math.round((Date.parse(`${today(now)}T00:00:00Z`) - Date.parse(`${lastDay}T00:00:00Z`)) / DAY_MS);
  const weeks = Math.floor(days / 7) * 7;
  return monthOf(addDays(lastDay, weeks)) === monthOf(today(now)) ? weeks : weeks + 7;
}

/** The first and last day of the story as written, moved by `shiftDays`. */
export const storySpan = (shiftDays: number) => ({
  start: addDays(WRITTEN_START, shiftDays),
  end: addDays(WRITTEN_END, shiftDays),
});

/**
 * The story moved by `shiftDays` (a multiple of 7): every business time and date by that many days,
 * budget periods by the nearest number of quarters, fund years and years named in texts (a
 * council paper "DS 0412/2024") by the nearest number of years.
 */
export function shiftStory(steps: readonly StoryStep[], shiftDays: number): StoryStep[] {
  if (shiftDays % 7 !== 0) throw new RangeError(`the story moves by whole weeks, not ${shiftDays} days`);
  if (shiftDays === 0) return [...steps];
  const years = Math.round(shiftDays / YEAR_DAYS);
  const quarters = Math.round(shiftDays / (YEAR_DAYS / 4));
  const text = (value: string) => value.replace(/(?<![\d-])20[12]\d(?![\d-])/g, (year) => String(Number(year) + years));
  const period = (value: string) => {
    const [, year, quarter] = /^(\d{4})-Q([1-4])$/.exec(value) ?? [];
    if (!year) throw new Error(`the story sets budgets per quarter, not for ${value}`);
    const index = Number(year) * 4 + Number(quarter) - 1 + quarters;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  };
  const move = (key: string, value: unknown): unknown => {
    if (typeof value === 'string')
      return DATE_FIELDS.has(key) ? addDays(value, shiftDays) : key === 'period' ? period(value) : text(value);
    if (key === 'year' && typeof value === 'number') return value + years;
    if (Array.isArray(value)) return value.map((item) => move('', item));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(k, v)]));
    return value;
  };
  return steps.map((step) => ({
    ...step,
    at: new Date(step.at.getTime() + shiftDays * DAY_MS),
    command: { type: step.command.type, data: move('', step.command.data) } as DomainCommand,
  }));
}
