import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config-error';

/**
 * The entries of a setting that holds a JSON object keyed by tenant id (METRICS_SETTINGS,
 * GRANT_SETTINGS, RETENTION_SETTINGS); none when it is unset or blank. Throws a ConfigError naming
 * the setting when it is no such object.
 */
export function tenantEntries(name: string, json: string | undefined, example: string): [string, unknown][] {
  if (!json?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([
      `${name} is not valid JSON (${(error as Error).message}); expected an object keyed by tenant id, e.g. ${example}`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`${name} must be a JSON object keyed by tenant id, e.g. ${example}`]);
  }
  return Object.entries(parsed);
}

/** A tenant's entry as an object of known settings, or the problem with it. */
export function settingsObject(
  name: string,
  tenant: string,
  input: unknown,
  known: readonly string[],
): { settings: Record<string, unknown>; problem?: undefined } | { settings?: undefined; problem: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { problem: `${name}: tenant "${tenant}" must be an object of settings (${known.join(', ')})` };
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length)
    return {
      problem: `${name}: tenant "${tenant}": unknown setting ${unknown.join(', ')} (known: ${known.join(', ')})`,
    };
  return { settings: input as Record<string, unknown> };
}

/**
 * A setting of per-tenant objects, each validated as an instance of a class-validator class: the
 * instances by tenant, or a ConfigError naming every problem (`NAME.tenant.field must …`, an
 * unknown setting, an entry that is no object).
 */
export function perTenant<T extends object>(
  name: string,
  json: string | undefined,
  example: string,
  type: new () => T,
): Map<string, T> {
  const problems: string[] = [];
  const settings = new Map<string, T>();
  for (const [tenant, input] of tenantEntries(name, json, example)) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      problems.push(`${name}: tenant "${tenant}" must be an object of settings, e.g. ${example}`);
      continue;
    }
    const instance = plainToInstance(type, input);
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
    const unknown = errors.filter((error) => error.constraints?.whitelistValidation).map((error) => error.property);
    if (unknown.length) problems.push(`${name}: tenant "${tenant}": unknown setting ${unknown.join(', ')}`);
    for (const error of errors.filter((e) => !e.constraints?.whitelistValidation))
      problems.push(
        `${name}.${tenant}.${error.property} ${[...new Set(Object.values(error.constraints ?? {}))].join('; ')}`,
      );
    if (!errors.length) settings.set(tenant, instance);
  }
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
