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
  readonly config: KafkaConfig;
  /** Ends a backoff pause, waits for the batch in flight and disconnects the producer. Safe before or after runner.stop(). */
  close(): Promise<void>;
}

/**
 * The relay as the projector runs it, or undefined when KAFKA_BROKERS is not set (the relay is
 * off). Accepts a validated KafkaConfig or the environment (validated here; throws
 * KafkaConfigError naming every problem).
 */
export function createKafkaRelay(
  config: KafkaConfig | NodeJS.ProcessEnv,
  logger?: Logger,
): KafkaRelayHandle | undefined {
  const kafka = config instanceof KafkaConfig ? config : loadKafkaConfig(config);
  if (!kafka.enabled) return undefined;
  const publisher = new KafkajsPublisher({
    brokers: kafka.brokers,
    clientId: kafka.KAFKA_CLIENT_ID,
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
    logger,
  });
  const metrics = new RelayMetrics();
  const processor = new KafkaRelay(publisher, {
    topicPrefix: kafka.KAFKA_TOPIC_PREFIX,
    logger,
    metrics,
    backoff: new Backoff(kafka.KAFKA_BACKOFF_INITIAL_MS, kafka.KAFKA_BACKOFF_MAX_MS),
  });
  logger?.info(
    {
      brokers: kafka.brokers,
      topicPrefix: kafka.KAFKA_TOPIC_PREFIX,
      sasl: kafka.KAFKA_SASL_MECHANISM ?? 'none',
      ssl: kafka.KAFKA_SSL,
    },
    'Kafka relay enabled',
  );
  return {
    processor,
    metrics,
    publisher,
    config: kafka,
    close: async () => {
      await processor.close();
      await publisher.close();
    },
  };
}
