import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
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

/** Each error of a validated entry with its path in it (`weights.trust.rhythm`), nested objects' errors included. */
function flatten(errors: readonly ValidationError[], at = ''): { path: string; constraints: Record<string, string> }[] {
  return errors.flatMap((error) => {
    const path = `${at}${error.property}`;
    const own = error.constraints ? [{ path, constraints: error.constraints }] : [];
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}

/** What an entry's errors say, in words: unknown settings, then each wrong value (once, also when several constraints failed). */
function problemsOf(name: string, tenant: string, errors: readonly ValidationError[]): string[] {
  const all = flatten(errors);
  const unknown = all.filter(({ constraints }) => constraints.whitelistValidation).map(({ path }) => path);
  const wrong = all.filter(({ constraints }) => !constraints.whitelistValidation);
  return [
    ...(unknown.length ? [`${name}: tenant "${tenant}": unknown setting ${unknown.join(', ')}`] : []),
    ...wrong.map(({ path, constraints }) => {
      // "nested property … must be either object or array" repeats what IsObject says better.
      const said = Object.entries(constraints).filter(
        ([key]) => key !== 'nestedValidation' || Object.keys(constraints).length === 1,
      );
      return `${name}.${tenant}.${path} ${[...new Set(said.map(([, message]) => message))].join('; ')}`;
    }),
  ];
}

/**
 * A setting of per-tenant objects, each validated as an instance of a class-validator class (nested
 * objects with ValidateNested): the instances by tenant, or a ConfigError naming every problem
 * (`NAME.tenant.field must …`, an unknown setting, an entry that is no object).
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
    problems.push(...problemsOf(name, tenant, errors));
    if (!errors.length) settings.set(tenant, instance);
  }
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
