import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { CommandExecutor } from '@koproduktiv/application';
import type { TenantRules } from '@koproduktiv/domain';
import type { EventStore } from '@koproduktiv/event-store';
import { KafkaConnectionOptions, startKafkaRelay } from '@koproduktiv/messaging';
import type { MetricsSettings } from '@koproduktiv/metrics';
import type { PersonalData } from '@koproduktiv/personal-data';
import type { IdempotencyStore, Logger } from '@koproduktiv/platform';
import { SnapshotKeeper } from '@koproduktiv/projections';
import { ProjectorHost } from './projector-host';
import { ReactionsProcessor } from './reactions-processor';
import { ReminderSchedule, ReminderSettings } from './reminders';
import { RetentionSchedule } from './retention';
import { SnapshotKeeping } from './snapshot-keeping';

/** What the projector works on: a process's store, database, idempotency keys and personal data (libs/runtime wires them). */
export interface ProjectorResources {
  readonly store: EventStore;
  readonly pool: Pool;
  readonly idempotency: IdempotencyStore;
  readonly personalData: Pick<PersonalData, 'codec'>;
}

/** The projector's settings, validated by the app before anything starts. */
export interface ProjectorOptions {
  /** The Kafka relay's connection; no relay (and no reminders) without it. */
  readonly kafka: KafkaConnectionOptions | undefined;
  /** How often reminders are looked for (0: never) and how early an item is due soon. */
  readonly reminders: ReminderSettings;
  /** Each municipality's metric settings (the reminders' due times, the Lagebild's snapshots). */
  readonly metricsSettings: (tenant: string) => MetricsSettings;
  /** Each municipality's grant rules, for the commands of the process manager. */
  readonly tenantRules: (tenant: string) => TenantRules;
  /** Each municipality's retention period in years, for the daily shredding. */
  readonly retentionYears: (tenant: string) => number;
}

export interface Projector {
  readonly host: ProjectorHost;
  /** The daily shredding of personal data whose retention period is over. */
  readonly retention: RetentionSchedule;
  /** Reminders of the worklist to Kafka; only with the relay and a reminder interval above 0. */
  readonly reminders: ReminderSchedule | undefined;
  /** Starts the processors and the retention schedule. */
  start(): Promise<void>;
  /** Adds what the processors count (e.g. the relay's published and dead-lettered events) to /metrics. */
  registerMetrics(registry: Registry): void;
  stop(): Promise<void>;
}

/**
 * The processors a deployment runs: the read models and the process manager (the domain's
 * reactions, e.g. the fund receiving applications) always, the Kafka relay and its reminders when
 * it has a Kafka connection, the retention schedule, and the keeping of the Lagebild's snapshots
 * (SnapshotKeeper) after the read models.
 */
export function createProjector(
  runtime: ProjectorResources,
  logger: Logger,
  options: ProjectorOptions,
  clock: () => Date = () => new Date(),
): Projector {
  const relay = options.kafka ? startKafkaRelay(options.kafka, logger) : undefined;
  const executor = new CommandExecutor(runtime.store, runtime.idempotency, runtime.personalData.codec, {
    clock,
    tenantRules: options.tenantRules,
  });
  const reactions = new ReactionsProcessor(executor, logger);
  const host = new ProjectorHost(
    runtime.store,
    runtime.pool,
    relay ? [reactions, relay.processor] : [reactions],
    logger,
  );
  const retention = new RetentionSchedule(runtime.pool, executor, options.retentionYears, logger, clock);
  const snapshots = new SnapshotKeeping(new SnapshotKeeper(runtime.pool, options.metricsSettings, clock), logger);
  const reminders =
    relay && options.reminders.intervalMs > 0
      ? new ReminderSchedule(
          runtime.pool,
          relay.publisher,
          relay.config.topicPrefix,
          options.reminders,
          options.metricsSettings,
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
