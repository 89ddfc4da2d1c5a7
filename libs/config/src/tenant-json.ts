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
