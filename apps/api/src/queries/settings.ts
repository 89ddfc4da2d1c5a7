export { metricsSettingsFromEnv } from '@koproduktiv/runtime';

export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');
