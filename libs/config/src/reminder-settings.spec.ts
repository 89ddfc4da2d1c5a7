import { MS_PER_DAY } from '@koproduktiv/metrics';
import { reminderSettingsFromEnv } from './reminder-settings';

describe('reminder settings', () => {
  it('default to every 5 minutes and a due-soon window of 3 days', () => {
    expect(reminderSettingsFromEnv({})).toEqual({
      settings: { intervalMs: 300_000, dueSoonMs: 3 * MS_PER_DAY },
      problems: [],
    });
    expect(
      reminderSettingsFromEnv({ REMINDERS_INTERVAL_SECONDS: '0', REMINDERS_DUE_SOON_DAYS: '0.5' }).settings,
    ).toEqual({ intervalMs: 0, dueSoonMs: MS_PER_DAY / 2 });
  });

  it('name each wrong setting', () => {
    expect(
      reminderSettingsFromEnv({ REMINDERS_INTERVAL_SECONDS: '1.5', REMINDERS_DUE_SOON_DAYS: 'soon' }).problems,
    ).toEqual([
      'REMINDERS_INTERVAL_SECONDS must be a whole number of seconds from 0 (no reminders) to 86400, got 1.5',
      'REMINDERS_DUE_SOON_DAYS must be a number of days above 0 and at most 366, got soon',
    ]);
    expect(reminderSettingsFromEnv({ REMINDERS_DUE_SOON_DAYS: '0' }).problems).toHaveLength(1);
    expect(reminderSettingsFromEnv({ REMINDERS_INTERVAL_SECONDS: '-1' }).problems).toHaveLength(1);
  });
});
