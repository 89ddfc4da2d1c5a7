export { metricsSettingsFromEnv } from '@koproduktiv/projector';

export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');
