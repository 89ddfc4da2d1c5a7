import type { Registry } from 'prom-client';
import { createKafkaRelay, KafkaConfigError, KafkaRelayHandle, loadKafkaConfig } from '@koproduktiv/messaging';
import { ConfigError, Logger } from '@koproduktiv/platform';
import { ProjectorHost } from '@koproduktiv/projections';
import type { Runtime } from './runtime';

export interface Projector {
  readonly host: ProjectorHost;
  /** Adds what the processors count (e.g. the relay's published and dead-lettered events) to /metrics. */
  registerMetrics(registry: Registry): void;
  stop(): Promise<void>;
}

/** For entry points, before anything is started: the KAFKA_* settings, or a ConfigError naming each problem. */
export function checkProjectorConfig(env: NodeJS.ProcessEnv = process.env): void {
  try {
    loadKafkaConfig(env);
  } catch (error) {
    if (error instanceof KafkaConfigError) throw new ConfigError(error.problems);
    throw error;
  }
}

/**
 * The processors a deployment runs: the read models always, the Kafka relay when KAFKA_BROKERS is
 * set (its settings are validated here, at boot).
 */
export function createProjector(runtime: Pick<Runtime, 'store' | 'pool'>, logger: Logger, env: NodeJS.ProcessEnv = process.env): Projector {
  const relay: KafkaRelayHandle | undefined = createKafkaRelay(env, logger);
  const host = new ProjectorHost(runtime.store, runtime.pool, relay ? [relay.processor] : [], logger);
  if (relay) logger.info({ brokers: relay.config.brokers }, 'Kafka relay enabled');
  return {
    host,
    registerMetrics: (registry) => relay?.metrics.register(registry),
    stop: async () => {
      await Promise.all([host.stop(), relay?.close()]);
    },
  };
}
