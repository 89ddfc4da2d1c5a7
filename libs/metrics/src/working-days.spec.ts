import { computeCaseMetrics } from './case-metrics';
import { foldCaseEvents } from './case-history';
import { metricResponseDueMs, responseDueMs } from './response-target';
import { resolveMetricsSettings } from './settings';
import { caseEvents } from './testing/case-events';
import { addWorkingDays, isWorkingDay, publicHolidays } from './working-days';

const NW = { state: 'NW' } as const;
const BE = { state: 'BE' } as const;

describe('working days (public holidays from date-holidays)', () => {
  it('Fronleichnam (Thursday 4 June 2026) is a holiday in Nordrhein-Westfalen, not in Berlin', () => {
    expect(isWorkingDay('2026-06-04', NW)).toBe(false);
    expect(isWorkingDay('2026-06-04', BE)).toBe(true);
    // Wednesday 3 June + 3 working days: NW Fri 5, Mon 8, Tue 9; BE Thu 4, Fri 5, Mon 8.
    expect(addWorkingDays('2026-06-03', 3, NW)).toBe('2026-06-09');
    expect(addWorkingDays('2026-06-03', 3, BE)).toBe('2026-06-08');
  });

  it('Internationaler Frauentag (8 March) only in Berlin and Mecklenburg-Vorpommern; observances do not count', () => {
    // 2027-03-08 is a Monday.
    expect(isWorkingDay('2027-03-08', BE)).toBe(false);
    expect(isWorkingDay('2027-03-08', NW)).toBe(true);
    // Rosenmontag 2026 (16 February) is an observance in NW, an ordinary working day.
    expect(isWorkingDay('2026-02-16', NW)).toBe(true);
    expect(publicHolidays(2026, NW).has('2026-02-16')).toBe(false);
  });

  it('weekends and Easter: Thursday 2 April 2026 + 2 working days skips Good Friday, the weekend and Easter Monday', () => {
    expect(isWorkingDay('2026-04-04', BE)).toBe(false);
    expect(addWorkingDays('2026-04-02', 1, BE)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 2, BE)).toBe('2026-04-08');
    expect(addWorkingDays('2026-04-02', 0, BE)).toBe('2026-04-02');
    expect(() => addWorkingDays('2026-04-02', 1.5, BE)).toThrow(RangeError);
  });

  it('a response due in working days ends with the last working day, local time; in calendar days to the millisecond', () => {
    const submitted = Date.parse('2026-06-03T15:00:00+02:00');
    const nw = resolveMetricsSettings({ calendar: NW, responseTargetWorkingDays: 3 });
    expect(new Date(responseDueMs(submitted, nw)).toISOString()).toBe('2026-06-09T21:59:59.999Z');
    const calendarDays = resolveMetricsSettings({ responseTargetDays: 3 });
    expect(new Date(responseDueMs(submitted, calendarDays)).toISOString()).toBe('2026-06-06T13:00:00.000Z');
  });

  it('settings: a Land that does not exist, working days without a calendar, a fraction: refused', () => {
    expect(() => resolveMetricsSettings({ calendar: { state: 'XX' } })).toThrow(/calendar.state/);
    expect(() => resolveMetricsSettings({ responseTargetWorkingDays: 5 })).toThrow(/needs calendar/);
    expect(() => resolveMetricsSettings({ calendar: NW, responseTargetWorkingDays: 2.5 })).toThrow(RangeError);
    expect(() => resolveMetricsSettings({ calendar: NW, workingDayMetrics: true })).toThrow(/needs responseTarget/);
  });

  it('respondedWithinTarget stays in calendar days unless the tenant opts in (workingDayMetrics)', () => {
    const e = caseEvents();
    // Submitted Wednesday 3 June 2026 (NW); acknowledged Tuesday 9 June: 6 calendar days, 3 working days.
    const history = foldCaseEvents([e.submitted('2026-06-03T08:00:00Z'), e.acknowledged('2026-06-09T14:00:00Z')]);
    const asOf = new Date('2026-07-01T00:00:00Z');
    const workingDays = { calendar: NW, responseTargetWorkingDays: 3, responseTargetDays: 5 };
    const calendarOnly = resolveMetricsSettings(workingDays);
    expect(computeCaseMetrics(history, asOf, calendarOnly)?.respondedWithinTarget).toBe(false);
    const optedIn = resolveMetricsSettings({ ...workingDays, workingDayMetrics: true });
    expect(computeCaseMetrics(history, asOf, optedIn)?.respondedWithinTarget).toBe(true);
    expect(new Date(metricResponseDueMs(Date.parse('2026-06-03T08:00:00Z'), optedIn)).toISOString()).toBe(
      '2026-06-09T21:59:59.999Z',
    );
    // In Berlin the third working day is Monday 8 June: Tuesday is too late.
    const berlin = resolveMetricsSettings({ ...workingDays, calendar: BE, workingDayMetrics: true });
    expect(computeCaseMetrics(history, asOf, berlin)?.respondedWithinTarget).toBe(false);
  });

  it('counts whole working days from zero on; a negative or fractional count is refused', () => {
    expect(addWorkingDays('2026-06-03', 0, NW)).toBe('2026-06-03');
    for (const n of [-1, 1.5])
      expect(() => addWorkingDays('2026-06-03', n, NW)).toThrow(
        new RangeError(`working days must be a whole number >= 0, got ${n}`),
      );
  });
});
