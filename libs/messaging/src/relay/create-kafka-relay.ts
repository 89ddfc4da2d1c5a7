import type { Logger } from '@koproduktiv/platform';
import { KafkaConfig, loadKafkaConfig } from '../config/kafka-config';
import { KafkajsPublisher } from '../kafka/kafkajs-publisher';
import type { EventPublisher } from '../publisher/event-publisher';
import { Backoff } from './backoff';
import { KafkaRelay } from './kafka-relay';
import { RelayMetrics } from './relay-metrics';

export interface KafkaRelayHandle {
  /** Run it with a ProcessorRunner of its own (checkpoint `kafka-relay`). */
  readonly processor: KafkaRelay;
  readonly metrics: RelayMetrics;
  readonly publisher: EventPublisher;
  readonly config: KafkaConnectionOptions;
  /** Ends a backoff pause, waits for the batch in flight and disconnects the producer. Safe before or after runner.stop(). */
  close(): Promise<void>;
}

/** What the relay needs, typed; `kafkaOptionsOf` makes it from the validated KAFKA_* environment. */
export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topicPrefix: string;
  readonly ssl: boolean;
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /** The broker's message.max.bytes (or less): larger messages go to the dead-letter topic. */
  readonly maxMessageBytes: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
}

export const kafkaOptionsOf = (kafka: KafkaConfig): KafkaConnectionOptions => ({
  brokers: kafka.brokers,
  clientId: kafka.KAFKA_CLIENT_ID,
  topicPrefix: kafka.KAFKA_TOPIC_PREFIX,
  ssl: kafka.KAFKA_SSL,
  ...(kafka.KAFKA_SASL_MECHANISM
    ? {
        sasl: {
          mechanism: kafka.KAFKA_SASL_MECHANISM,
          username: kafka.KAFKA_SASL_USERNAME ?? '',
          password: kafka.KAFKA_SASL_PASSWORD ?? '',
        },
      }
    : {}),
  maxMessageBytes: kafka.KAFKA_MAX_MESSAGE_BYTES,
  backoff: { initialMs: kafka.KAFKA_BACKOFF_INITIAL_MS, maxMs: kafka.KAFKA_BACKOFF_MAX_MS },
});

/**
 * The relay as the projector runs it, or undefined when KAFKA_BROKERS is not set (the relay is
 * off). Accepts a validated KafkaConfig or the environment (validated here; throws
 * KafkaConfigError naming every problem) at the edge, and builds everything from typed options.
 */
export function createKafkaRelay(
  config: KafkaConfig | NodeJS.ProcessEnv,
  logger?: Logger,
): KafkaRelayHandle | undefined {
  const kafka = config instanceof KafkaConfig ? config : loadKafkaConfig(config);
  return kafka.enabled ? startKafkaRelay(kafkaOptionsOf(kafka), logger) : undefined;
}

/** The relay from typed options: a kafkajs producer, the relay processor and its metrics. */
export function startKafkaRelay(options: KafkaConnectionOptions, logger?: Logger): KafkaRelayHandle {
  const publisher = new KafkajsPublisher({
    brokers: [...options.brokers],
    clientId: options.clientId,
    ssl: options.ssl,
    ...(options.sasl ? { sasl: { ...options.sasl } } : {}),
    maxMessageBytes: options.maxMessageBytes,
    logger,
  });
  const metrics = new RelayMetrics();
  const processor = new KafkaRelay(publisher, {
    topicPrefix: options.topicPrefix,
    logger,
    metrics,
    backoff: new Backoff(options.backoff.initialMs, options.backoff.maxMs),
  });
  logger?.info(
    {
      brokers: options.brokers,
      topicPrefix: options.topicPrefix,
      sasl: options.sasl?.mechanism ?? 'none',
      ssl: options.ssl,
    },
    'Kafka relay enabled',
  );
  return {
    processor,
    metrics,
    publisher,
    config: options,
    close: async () => {
      await processor.close();
      await publisher.close();
    },
  };
}
