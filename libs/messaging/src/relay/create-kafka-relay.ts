import type { Logger } from '@koproduktiv/platform';
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

/** What the relay needs, typed (an app's configuration makes it from its environment). */
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
