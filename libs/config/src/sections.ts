import type { TenantRules } from '@koproduktiv/domain';
import type { KafkaConnectionOptions } from '@koproduktiv/messaging';
import type { MetricsSettings } from '@koproduktiv/metrics';
import type { ProjectorOptions, ReminderSettings } from '@koproduktiv/projector';
import { Environment, readSections } from './config-error';
import { kafkaOptionsFrom } from './kafka-config';
import { metricsSettingsFromEnv } from './metrics-settings';
import { reminderSettingsFrom } from './reminder-settings';
import { retentionYearsFromEnv } from './retention-settings';
import { tenantRulesFromEnv } from './tenant-rules';

/** Each municipality's own settings, shared by every process of a deployment; each parsed once. */
export interface TenantSettings {
  /** METRICS_SETTINGS */
  readonly metricsSettings: (tenant: string) => MetricsSettings;
  /** GRANT_SETTINGS */
  readonly tenantRules: (tenant: string) => TenantRules;
  /** RETENTION_SETTINGS */
  readonly retentionYears: (tenant: string) => number;
}

export const tenantSettingsFrom = (env: Environment): TenantSettings =>
  readSections<TenantSettings>({
    metricsSettings: () => metricsSettingsFromEnv(env.METRICS_SETTINGS),
    tenantRules: () => tenantRulesFromEnv(env.GRANT_SETTINGS),
    retentionYears: () => retentionYearsFromEnv(env.RETENTION_SETTINGS),
  });

/** The projector's own settings: the Kafka relay (KAFKA_*, off without KAFKA_BROKERS) and its reminders (REMINDERS_*). */
export interface ProjectorSettings {
  readonly kafka: KafkaConnectionOptions | undefined;
  readonly reminders: ReminderSettings;
}

export const projectorSettingsFrom = (env: Environment): ProjectorSettings =>
  readSections<ProjectorSettings>({
    kafka: () => kafkaOptionsFrom(env),
    reminders: () => reminderSettingsFrom(env),
  });

/** Everything createProjector takes, from the environment; a ConfigError names every problem. */
export function projectorOptionsFrom(env: Environment): ProjectorOptions {
  const { tenants, projector } = readSections<{ tenants: TenantSettings; projector: ProjectorSettings }>({
    tenants: () => tenantSettingsFrom(env),
    projector: () => projectorSettingsFrom(env),
  });
  return { ...tenants, ...projector };
}
