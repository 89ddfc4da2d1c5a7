import { MetricsSettings, MetricsSettingsInput, resolveMetricsSettings } from '@koproduktiv/metrics';
import { ConfigError } from '@koproduktiv/platform';

const KNOWN_KEYS = [
  'responseTargetDays',
  'dormancyDays',
  'timeZone',
  'weights',
  'calendar',
  'responseTargetWorkingDays',
  'workingDayMetrics',
];

/**
 * Per-tenant metric settings (response target, dormancy, time zone, index weights): defaults from
 * METRICS.md, overridden per tenant by METRICS_SETTINGS, a JSON object keyed by tenant id.
 * Throws a ConfigError naming METRICS_SETTINGS and every problem in it.
 */
export function metricsSettingsFromEnv(json = process.env.METRICS_SETTINGS): (tenant: string) => MetricsSettings {
  const overrides = parseOverrides(json);
  const problems: string[] = [];
  const resolved = new Map<string, MetricsSettings>();
  for (const [tenant, input] of Object.entries(overrides)) {
    try {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new Error(`must be an object of settings (${KNOWN_KEYS.join(', ')})`);
      const unknown = Object.keys(input).filter((key) => !KNOWN_KEYS.includes(key));
      if (unknown.length) throw new Error(`unknown setting ${unknown.join(', ')} (known: ${KNOWN_KEYS.join(', ')})`);
      resolved.set(tenant, resolveMetricsSettings(input as MetricsSettingsInput));
    } catch (error) {
      problems.push(`METRICS_SETTINGS: tenant "${tenant}": ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const defaults = resolveMetricsSettings();
  return (tenant) => resolved.get(tenant) ?? defaults;
}

function parseOverrides(json: string | undefined): Record<string, unknown> {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([
      `METRICS_SETTINGS is not valid JSON (${(error as Error).message}); expected an object keyed by tenant id, e.g. {"musterstadt":{"responseTargetDays":10}}`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([
      'METRICS_SETTINGS must be a JSON object keyed by tenant id, e.g. {"musterstadt":{"responseTargetDays":10}}',
    ]);
  }
  return parsed as Record<string, unknown>;
}
