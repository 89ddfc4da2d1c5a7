import { IsInt, Max, Min, ValidationArguments } from 'class-validator';
import { perTenant } from './tenant-json';

/** Aufbewahrungsfrist: years after a case is closed or an initiative dissolved until its personal data is shredded. */
export const DEFAULT_RETENTION_YEARS = 10;

const years = ({ value }: ValidationArguments) =>
  `must be a whole number of years from 1 to 100, got ${JSON.stringify(value)}`;

/** One municipality's entry in RETENTION_SETTINGS. */
class RetentionSettings {
  @IsInt({ message: years })
  @Min(1, { message: years })
  @Max(100, { message: years })
  retentionYears!: number;
}

/**
 * RETENTION_SETTINGS, a JSON object keyed by tenant id, e.g. {"musterstadt": {"retentionYears": 6}};
 * a tenant not named keeps DEFAULT_RETENTION_YEARS. Throws a ConfigError naming the setting when it is malformed.
 */
export function retentionYearsFromEnv(json: string | undefined): (tenant: string) => number {
  const settings = perTenant('RETENTION_SETTINGS', json, '{"musterstadt":{"retentionYears":6}}', RetentionSettings);
  return (tenant) => settings.get(tenant)?.retentionYears ?? DEFAULT_RETENTION_YEARS;
}
