/** Aufbewahrungsfrist: years after a case is closed or an initiative dissolved until its personal data is shredded. */
export const DEFAULT_RETENTION_YEARS = 10;

export class RetentionSettingsError extends Error {
  override readonly name = 'RetentionSettingsError';
}

/**
 * RETENTION_SETTINGS, a JSON object keyed by tenant id, e.g. {"musterstadt": {"retentionYears": 6}};
 * a tenant not named keeps DEFAULT_RETENTION_YEARS. Throws a message naming the setting when it is malformed.
 */
export function retentionYearsFromEnv(json = process.env.RETENTION_SETTINGS): (tenant: string) => number {
  let parsed: unknown;
  try {
    parsed = json ? JSON.parse(json) : {};
  } catch (error) {
    throw new RetentionSettingsError(`RETENTION_SETTINGS is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RetentionSettingsError('RETENTION_SETTINGS must be a JSON object keyed by tenant id');
  const years = new Map<string, number>();
  for (const [tenant, value] of Object.entries(parsed)) {
    const given = (value as { retentionYears?: unknown } | null)?.retentionYears;
    if (!Number.isInteger(given) || (given as number) < 1 || (given as number) > 100) {
      throw new RetentionSettingsError(
        `RETENTION_SETTINGS.${tenant}.retentionYears must be a whole number of years from 1 to 100, got ${JSON.stringify(given)}`,
      );
    }
    years.set(tenant, given as number);
  }
  return (tenant) => years.get(tenant) ?? DEFAULT_RETENTION_YEARS;
}
