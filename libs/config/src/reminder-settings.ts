import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsPositive, Max, Min } from 'class-validator';
import { MS_PER_DAY } from '@koproduktiv/metrics';
import type { ReminderSettings } from '@koproduktiv/projector';
import { ConfigError, Environment } from './config-error';
import { fromEnvironment, numberOr } from './environment-class';

export const DEFAULT_REMINDER_INTERVAL_SECONDS = 300;
export const DEFAULT_REMINDER_DUE_SOON_DAYS = 3;

const seconds = { message: 'must be a whole number of seconds from 0 (no reminders) to 86400' };
const days = { message: 'must be a number of days above 0 and at most 366' };

/** The projector's reminders of the worklist (with the Kafka relay only), validated at boot. */
export class ReminderConfig {
  @Transform(numberOr(DEFAULT_REMINDER_INTERVAL_SECONDS))
  @IsInt(seconds)
  @Min(0, seconds)
  @Max(86_400, seconds)
  REMINDERS_INTERVAL_SECONDS = DEFAULT_REMINDER_INTERVAL_SECONDS;

  @Transform(numberOr(DEFAULT_REMINDER_DUE_SOON_DAYS))
  @IsNumber({ allowNaN: false, allowInfinity: false }, days)
  @IsPositive(days)
  @Max(366, days)
  REMINDERS_DUE_SOON_DAYS = DEFAULT_REMINDER_DUE_SOON_DAYS;
}

export const REMINDER_CONFIG_KEYS = [
  'REMINDERS_INTERVAL_SECONDS',
  'REMINDERS_DUE_SOON_DAYS',
] as const satisfies readonly (keyof ReminderConfig)[];

/** REMINDERS_INTERVAL_SECONDS and REMINDERS_DUE_SOON_DAYS; throws a ConfigError naming each wrong one. */
export function reminderSettingsFrom(env: Environment): ReminderSettings {
  const { config, problems } = fromEnvironment(ReminderConfig, REMINDER_CONFIG_KEYS, env);
  if (problems.length) throw new ConfigError(problems);
  return {
    intervalMs: config.REMINDERS_INTERVAL_SECONDS * 1000,
    dueSoonMs: config.REMINDERS_DUE_SOON_DAYS * MS_PER_DAY,
  };
}
