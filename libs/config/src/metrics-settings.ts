import { MetricsSettings, MetricsSettingsInput, resolveMetricsSettings } from '@koproduktiv/metrics';
import { ConfigError } from './config-error';
import { settingsObject, tenantEntries } from './tenant-json';

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
export function metricsSettingsFromEnv(json: string | undefined): (tenant: string) => MetricsSettings {
  const problems: string[] = [];
  const resolved = new Map<string, MetricsSettings>();
  for (const [tenant, input] of tenantEntries('METRICS_SETTINGS', json, '{"musterstadt":{"responseTargetDays":10}}')) {
    const { settings, problem } = settingsObject('METRICS_SETTINGS', tenant, input, KNOWN_KEYS);
    if (!settings) {
      problems.push(problem);
      continue;
    }
    try {
      resolved.set(tenant, resolveMetricsSettings(settings as MetricsSettingsInput));
    } catch (error) {
      problems.push(`METRICS_SETTINGS: tenant "${tenant}": ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const defaults = resolveMetricsSettings();
  return (tenant) => resolved.get(tenant) ?? defaults;
}
