import { ConfigError } from './config-error';
import { tenantEntries } from './tenant-json';

/** Aufbewahrungsfrist: years after a case is closed or an initiative dissolved until its personal data is shredded. */
export const DEFAULT_RETENTION_YEARS = 10;

/**
 * RETENTION_SETTINGS, a JSON object keyed by tenant id, e.g. {"musterstadt": {"retentionYears": 6}};
 * a tenant not named keeps DEFAULT_RETENTION_YEARS. Throws a ConfigError naming the setting when it is malformed.
 */
export function retentionYearsFromEnv(json: string | undefined): (tenant: string) => number {
  const years = new Map<string, number>();
  const problems: string[] = [];
  for (const [tenant, value] of tenantEntries('RETENTION_SETTINGS', json, '{"musterstadt":{"retentionYears":6}}')) {
    const given = (value as { retentionYears?: unknown } | null)?.retentionYears;
    if (Number.isInteger(given) && (given as number) >= 1 && (given as number) <= 100)
      years.set(tenant, given as number);
    else
      problems.push(
        `RETENTION_SETTINGS.${tenant}.retentionYears must be a whole number of years from 1 to 100, got ${JSON.stringify(given)}`,
      );
  }
  if (problems.length) throw new ConfigError(problems);
  return (tenant) => years.get(tenant) ?? DEFAULT_RETENTION_YEARS;
}
