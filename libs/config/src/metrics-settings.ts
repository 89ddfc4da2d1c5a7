// class-transformer's @Type reads the nested classes' design types: the metadata API must exist when this loads.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsTimeZone,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { GERMAN_STATES, MetricsSettings, resolveMetricsSettings } from '@koproduktiv/metrics';
import { ConfigError } from './config-error';
import { perTenant } from './tenant-json';

/** `must …, got <the value as given>`. */
const got = (must: string): ValidationOptions => ({
  message: ({ value }: ValidationArguments) => `${must}, got ${JSON.stringify(value)}`,
});
const finite = { allowNaN: false, allowInfinity: false };
const positive = got('must be a number above 0');
const weight = got('must be a number >= 0');
const object = got('must be an object');
/** A weight left out takes the default; null is no weight. */
const given = (_: object, value: unknown) => value !== undefined;

/** Allowed only together with `other` (set, and not null or false). */
const Needs = (other: string, why: string) =>
  ValidateBy(
    {
      name: 'needs',
      validator: {
        validate: (value, args) =>
          value === undefined ||
          value === null ||
          value === false ||
          (args?.object as Record<string, unknown>)[other] != null,
        defaultMessage: () => `needs ${other} (${why})`,
      },
    },
    {},
  );

class TrustWeightsEntry {
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) responsiveness?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) reliability?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) participation?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) reciprocity?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) perceived?: number;
}

class ContinuityWeightsEntry {
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) contactStability?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) handovers?: number;
  @ValidateIf(given) @IsNumber(finite, weight) @Min(0, weight) rhythm?: number;
}

class WeightsEntry {
  @IsOptional()
  @IsObject(object)
  @ValidateNested()
  @Type(() => TrustWeightsEntry)
  trust?: TrustWeightsEntry;

  @IsOptional()
  @IsObject(object)
  @ValidateNested()
  @Type(() => ContinuityWeightsEntry)
  continuity?: ContinuityWeightsEntry;
}

class CalendarEntry {
  @IsIn(GERMAN_STATES, got(`must be one of ${GERMAN_STATES.join(', ')}`))
  state!: string;
}

/** One municipality's entry in METRICS_SETTINGS (docs/METRICS.md); a setting left out (or null) takes the default. */
class MetricsSettingsEntry {
  @IsOptional()
  @IsNumber(finite, positive)
  @IsPositive(positive)
  responseTargetDays?: number;

  @IsOptional()
  @IsNumber(finite, positive)
  @IsPositive(positive)
  dormancyDays?: number;

  @IsOptional()
  @IsTimeZone(got('must be an IANA time zone such as Europe/Berlin'))
  timeZone?: string;

  @IsOptional()
  @IsObject(object)
  @ValidateNested()
  @Type(() => WeightsEntry)
  weights?: WeightsEntry;

  /** null: working days are not used. */
  @IsOptional()
  @IsObject(got('must be an object such as {"state": "NW"} or null'))
  @ValidateNested()
  @Type(() => CalendarEntry)
  calendar?: CalendarEntry | null;

  @IsOptional()
  @IsInt(got('must be a whole number > 0'))
  @Min(1, got('must be a whole number > 0'))
  @Needs('calendar', 'the Land whose public holidays count')
  responseTargetWorkingDays?: number | null;

  @IsOptional()
  @IsBoolean(got('must be true or false'))
  @Needs('responseTargetWorkingDays', 'the target it measures against')
  workingDayMetrics?: boolean;
}

/**
 * Per-tenant metric settings (response target, dormancy, time zone, index weights, working days):
 * defaults from METRICS.md, overridden per tenant by METRICS_SETTINGS, a JSON object keyed by tenant
 * id. Throws a ConfigError naming METRICS_SETTINGS and every problem in it.
 */
export function metricsSettingsFromEnv(json: string | undefined): (tenant: string) => MetricsSettings {
  const entries = perTenant(
    'METRICS_SETTINGS',
    json,
    '{"musterstadt":{"responseTargetDays":10}}',
    MetricsSettingsEntry,
  );
  const problems: string[] = [];
  const resolved = new Map<string, MetricsSettings>();
  for (const [tenant, entry] of entries) {
    try {
      resolved.set(tenant, resolveMetricsSettings(entry));
    } catch (error) {
      // What the metrics refuse and the entry's class let through (a rule added there and not here).
      problems.push(`METRICS_SETTINGS: tenant "${tenant}": ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const defaults = resolveMetricsSettings();
  return (tenant) => resolved.get(tenant) ?? defaults;
}
