import { MS_PER_DAY } from '@koproduktiv/metrics';
import { ConfigError } from './config-error';
import { reminderSettingsFrom } from './reminder-settings';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    reminderSettingsFrom(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('REMINDERS_* (reminderSettingsFrom)', () => {
  it('default to every 5 minutes and a due-soon window of 3 days, unset or blank', () => {
    const defaults = { intervalMs: 300_000, dueSoonMs: 3 * MS_PER_DAY };
    expect(reminderSettingsFrom({})).toEqual(defaults);
    expect(reminderSettingsFrom({ REMINDERS_INTERVAL_SECONDS: ' ', REMINDERS_DUE_SOON_DAYS: '' })).toEqual(defaults);
  });

  it('take 0 (no reminders) to 86400 seconds and a window above 0 up to 366 days, fractions of a day too', () => {
    expect(reminderSettingsFrom({ REMINDERS_INTERVAL_SECONDS: '0', REMINDERS_DUE_SOON_DAYS: '0.5' })).toEqual({
      intervalMs: 0,
      dueSoonMs: MS_PER_DAY / 2,
    });
    expect(reminderSettingsFrom({ REMINDERS_INTERVAL_SECONDS: '86400', REMINDERS_DUE_SOON_DAYS: '366' })).toEqual({
      intervalMs: 86_400_000,
      dueSoonMs: 366 * MS_PER_DAY,
    });
  });

  const seconds = 'must be a whole number of seconds from 0 (no reminders) to 86400';
  const days = 'must be a number of days above 0 and at most 366';
  it.each([
    ['REMINDERS_INTERVAL_SECONDS', 'often', seconds],
    ['REMINDERS_INTERVAL_SECONDS', '1.5', seconds],
    ['REMINDERS_INTERVAL_SECONDS', '-1', seconds],
    ['REMINDERS_INTERVAL_SECONDS', '86401', seconds],
    ['REMINDERS_DUE_SOON_DAYS', 'soon', days],
    ['REMINDERS_DUE_SOON_DAYS', '0', days],
    ['REMINDERS_DUE_SOON_DAYS', '-2', days],
    ['REMINDERS_DUE_SOON_DAYS', '367', days],
    ['REMINDERS_DUE_SOON_DAYS', 'Infinity', days],
  ])('refuse %s=%s, naming the variable, the value and what it must be', (variable, value, what) => {
    expect(problemsOf({ [variable]: value })).toEqual([`${variable}=${JSON.stringify(value)}: ${what}`]);
  });

  it('name every wrong one at once', () => {
    expect(problemsOf({ REMINDERS_INTERVAL_SECONDS: '1.5', REMINDERS_DUE_SOON_DAYS: 'soon' })).toEqual([
      `REMINDERS_INTERVAL_SECONDS="1.5": ${seconds}`,
      `REMINDERS_DUE_SOON_DAYS="soon": ${days}`,
    ]);
  });
});
