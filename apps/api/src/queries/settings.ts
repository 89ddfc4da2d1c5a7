import { MetricsSettings, MetricsSettingsInput, resolveMetricsSettings } from '@koproduktiv/metrics';

export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');

/**
 * Per-tenant metric settings (response target, dormancy, time zone, index weights): defaults from
 * METRICS.md, overridden per tenant by METRICS_SETTINGS, a JSON object keyed by tenant id.
 */
export function metricsSettingsFromEnv(json = process.env.METRICS_SETTINGS): (tenant: string) => MetricsSettings {
  const overrides: Record<string, MetricsSettingsInput> = json ? JSON.parse(json) : {};
  const resolved = new Map(Object.entries(overrides).map(([tenant, input]) => [tenant, resolveMetricsSettings(input)]));
  const defaults = resolveMetricsSettings();
  return (tenant) => resolved.get(tenant) ?? defaults;
}
