import type { Registry } from 'prom-client';
import { createKafkaRelay, KafkaConfigError, KafkaRelayHandle, loadKafkaConfig } from '@koproduktiv/messaging';
import { retentionYearsFromEnv, RetentionSettingsError } from '@koproduktiv/personal-data';
import { ConfigError, Logger } from '@koproduktiv/platform';
import { SnapshotKeeper } from '@koproduktiv/projections';
import { ProjectorHost } from './projector-host';
import { CommandExecutor, tenantRulesFromEnv } from '@koproduktiv/application';
import { metricsSettingsFromEnv } from './metrics-settings';
import { ReactionsProcessor } from './reactions-processor';
import { ReminderSchedule, reminderSettingsFromEnv } from './reminders';
import { RetentionSchedule } from './retention';
import { SnapshotKeeping } from './snapshot-keeping';
import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import type { PersonalData } from '@koproduktiv/personal-data';
import type { IdempotencyStore } from '@koproduktiv/platform';

/** What the projector works on: a process's store, database, idempotency keys and personal data (libs/runtime wires them). */
export interface ProjectorResources {
  readonly store: EventStore;
  readonly pool: Pool;
  readonly idempotency: IdempotencyStore;
  readonly personalData: Pick<PersonalData, 'codec'>;
}

export interface Projector {
  readonly host: ProjectorHost;
  /** The daily shredding of personal data whose retention period is over (RETENTION_SETTINGS). */
  readonly retention: RetentionSchedule;
  /** Reminders of the worklist to Kafka; only with the relay (KAFKA_BROKERS) and REMINDERS_INTERVAL_SECONDS > 0. */
  readonly reminders: ReminderSchedule | undefined;
  /** Starts the processors and the retention schedule. */
  start(): Promise<void>;
  /** Adds what the processors count (e.g. the relay's published and dead-lettered events) to /metrics. */
  registerMetrics(registry: Registry): void;
  stop(): Promise<void>;
}

/** For entry points, before anything is started: the KAFKA_*, REMINDERS_*, METRICS_SETTINGS and RETENTION_SETTINGS settings, or a ConfigError naming each problem. */
export function checkProjectorConfig(env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  try {
    loadKafkaConfig(env);
  } catch (error) {
    if (!(error instanceof KafkaConfigError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...reminderSettingsFromEnv(env).problems);
  try {
    metricsSettingsFromEnv(env.METRICS_SETTINGS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    retentionYearsFromEnv(env.RETENTION_SETTINGS);
  } catch (error) {
    if (!(error instanceof RetentionSettingsError)) throw error;
    problems.push(error.message);
  }
  try {
    tenantRulesFromEnv(env.GRANT_SETTINGS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new ConfigError(problems);
}

/**
 * The processors a deployment runs: the read models and the process manager (the domain's
 * reactions, e.g. the fund receiving applications) always, the Kafka relay when KAFKA_BROKERS is
 * set, the retention schedule, and the keeping of the Lagebild's snapshots (SnapshotKeeper) after
 * the read models (their settings are validated here, at boot).
 */
export function createProjector(
  runtime: ProjectorResources,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  clock: () => Date = () => new Date(),
): Projector {
  const relay: KafkaRelayHandle | undefined = createKafkaRelay(env, logger);
  const executor = new CommandExecutor(runtime.store, runtime.idempotency, runtime.personalData.codec, {
    clock,
    tenantRules: tenantRulesFromEnv(env.GRANT_SETTINGS),
  });
  const reactions = new ReactionsProcessor(executor, logger);
  const host = new ProjectorHost(
    runtime.store,
    runtime.pool,
    relay ? [reactions, relay.processor] : [reactions],
    logger,
  );
  const retention = new RetentionSchedule(
    runtime.pool,
    executor,
    retentionYearsFromEnv(env.RETENTION_SETTINGS),
    logger,
    clock,
  );
  const snapshots = new SnapshotKeeping(
    new SnapshotKeeper(runtime.pool, metricsSettingsFromEnv(env.METRICS_SETTINGS), clock),
    logger,
  );
  if (relay) logger.info({ brokers: relay.config.brokers }, 'Kafka relay enabled');
  const reminderSettings = reminderSettingsFromEnv(env).settings;
  const reminders =
    relay && reminderSettings && reminderSettings.intervalMs > 0
      ? new ReminderSchedule(
          runtime.pool,
          relay.publisher,
          relay.config.topicPrefix,
          reminderSettings,
          metricsSettingsFromEnv(env.METRICS_SETTINGS),
          logger,
          clock,
        )
      : undefined;
  return {
    host,
    retention,
    reminders,
    start: async () => {
      await host.start();
      retention.start();
      snapshots.start();
      reminders?.start();
    },
    registerMetrics: (registry) => {
      relay?.metrics.register(registry);
      reminders?.metrics.register(registry);
    },
    stop: async () => {
      // Reminders publish through the relay's producer: they stop before it is closed.
      await reminders?.stop();
      await Promise.all([host.stop(), relay?.close(), retention.stop(), snapshots.stop()]);
    },
  };
}
