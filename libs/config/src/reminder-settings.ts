import { MS_PER_DAY } from '@koproduktiv/metrics';
import type { ReminderSettings } from '@koproduktiv/projector';
import type { Environment } from './config-error';

export const DEFAULT_REMINDER_INTERVAL_SECONDS = 300;
export const DEFAULT_REMINDER_DUE_SOON_DAYS = 3;

/** REMINDERS_INTERVAL_SECONDS and REMINDERS_DUE_SOON_DAYS, or the problems with them (to report at boot). */
export function reminderSettingsFromEnv(
  env: Environment,
): { settings: ReminderSettings; problems: [] } | { settings?: undefined; problems: string[] } {
  const problems: string[] = [];
  const interval = numberOf(env.REMINDERS_INTERVAL_SECONDS, DEFAULT_REMINDER_INTERVAL_SECONDS);
  if (!Number.isInteger(interval) || interval < 0 || interval > 86_400)
    problems.push(
      `REMINDERS_INTERVAL_SECONDS must be a whole number of seconds from 0 (no reminders) to 86400, got ${env.REMINDERS_INTERVAL_SECONDS}`,
    );
  const window = numberOf(env.REMINDERS_DUE_SOON_DAYS, DEFAULT_REMINDER_DUE_SOON_DAYS);
  if (!Number.isFinite(window) || window <= 0 || window > 366)
    problems.push(
      `REMINDERS_DUE_SOON_DAYS must be a number of days above 0 and at most 366, got ${env.REMINDERS_DUE_SOON_DAYS}`,
    );
  if (problems.length) return { problems };
  return { settings: { intervalMs: interval * 1000, dueSoonMs: window * MS_PER_DAY }, problems: [] };
}

const numberOf = (text: string | undefined, fallback: number): number =>
  text === undefined || text.trim() === '' ? fallback : Number(text);
