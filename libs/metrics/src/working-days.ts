import Holidays from 'date-holidays';
import { nextDate } from './time';

/** The Länder by their ISO 3166-2 codes (without `DE-`), as date-holidays names them. */
export const GERMAN_STATES = [
  'BB',
  'BE',
  'BW',
  'BY',
  'HB',
  'HE',
  'HH',
  'MV',
  'NI',
  'NW',
  'RP',
  'SH',
  'SL',
  'SN',
  'ST',
  'TH',
] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

/** Where a tenant's working days are counted: Monday to Friday, less the public holidays of its Land. */
export interface WorkingDayCalendar {
  readonly state: GermanState;
}

export const isGermanState = (value: unknown): value is GermanState =>
  typeof value === 'string' && (GERMAN_STATES as readonly string[]).includes(value);

/** Public holidays (type `public`: days off by law, not observances or bank holidays) of a Land and year, as local dates. */
const holidayCache = new Map<string, ReadonlySet<string>>();

export const publicHolidays = (year: number, calendar: WorkingDayCalendar): ReadonlySet<string> => {
  const key = `${calendar.state}|${year}`;
  let found = holidayCache.get(key);
  if (found === undefined) {
    const holidays = new Holidays('DE', calendar.state, { types: ['public'] });
    found = new Set(
      (holidays.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    if (holidayCache.size > 1_000) holidayCache.clear();
    holidayCache.set(key, found);
  }
  return found;
};

/** Monday to Friday, and not a public holiday of the Land. */
export const isWorkingDay = (date: string, calendar: WorkingDayCalendar): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4)), calendar).has(date);
};

/**
 * The `n`-th working day after `date` (the day itself does not count, as a period starts the day
 * after the event that sets it off, § 187 (1) BGB). n = 0 gives `date`.
 */
export const addWorkingDays = (date: string, n: number, calendar: WorkingDayCalendar): string => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
  let day = date;
  for (let left = n; left > 0;) {
    day = nextDate(day);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
};
