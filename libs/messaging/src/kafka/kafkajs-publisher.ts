import {
  CompressionTypes,
  Kafka,
  KafkaConfig as KafkaJsConfig,
  logLevel,
  LogEntry,
  Partitioners,
  Producer,
} from 'kafkajs';
import type { Logger } from '@koproduktiv/platform';
import type { IntegrationMessage } from '../integration-events/cloudevents';
import { EventPublisher, PublishOutcome, RejectedMessage, RetryablePublishError } from '../publisher/event-publisher';
import { classifyKafkaError } from './classify';

export interface KafkajsPublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: boolean;
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /**
   * The largest record batch the broker accepts (its `message.max.bytes`, 1 MB by default). A
   * message that cannot fit alone is rejected as MESSAGE_TOO_LARGE without being sent, and batches
   * are cut so that no request exceeds it. Set it to the broker's value (or lower).
   */
  readonly maxMessageBytes: number;
  /** How long one attempt may wait for the broker's acknowledgement. */
  readonly requestTimeoutMs?: number;
  /** kafkajs's own retries per send before the failure reaches the relay, which then backs off. */
  readonly retries?: number;
  readonly logger?: Logger;
}

/** Bytes Kafka adds around the records of one batch, and per record (varints, attributes). */
const BATCH_OVERHEAD = 61;
const RECORD_OVERHEAD = 24;

/** The size of a message as a record in a Kafka batch (v2 format), slightly overestimated. */
export function recordBytes(message: IntegrationMessage): number {
  let bytes = RECORD_OVERHEAD + Buffer.byteLength(message.key) + message.value.length;
  for (const [name, value] of Object.entries(message.headers))
    bytes += 4 + Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * EventPublisher on kafkajs. acks=-1 (all in-sync replicas) and one request in flight, so records
 * of a key are written in the order sent even when a send is retried. Not the idempotent producer:
 * librdkafka's mock broker, our test broker, cannot serve it (ARCHITECTURE.md); duplicates from
 * retries are what consumers de-duplicate by `ce_id` anyway.
 */
export class KafkajsPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: KafkajsPublisherOptions) {
    const config: KafkaJsConfig = {
      clientId: options.clientId,
      brokers: [...options.brokers],
      ssl: options.ssl,
      ...(options.sasl ? { sasl: { ...options.sasl } as KafkaJsConfig['sasl'] } : {}),
      connectionTimeout: 3000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 3000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => logKafkaJs(options.logger, entry),
    };
    this.producer = new Kafka(config).producer({
      // The Java client's murmur2 partitioning: a key lands on the same partition as from any other client.
      createPartitioner: Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
      idempotent: false,
      allowAutoTopicCreation: true,
    });
  }

  async publishBatch(messages: readonly IntegrationMessage[]): Promise<PublishOutcome> {
    const rejected: RejectedMessage[] = [];
    const budget = this.options.maxMessageBytes - BATCH_OVERHEAD;
    let chunk: number[] = [];
    let chunkBytes = 0;
    for (let index = 0; index < messages.length; index += 1) {
      const bytes = recordBytes(messages[index]);
      if (bytes > budget) {
        rejected.push({
          index,
          reason: 'MESSAGE_TOO_LARGE',
          error: `message of ${bytes} bytes exceeds KAFKA_MAX_MESSAGE_BYTES=${this.options.maxMessageBytes}`,
        });
        continue;
      }
      if (chunkBytes + bytes > budget && chunk.length) {
        await this.sendChunk(messages, chunk, rejected);
        chunk = [];
        chunkBytes = 0;
      }
      chunk.push(index);
      chunkBytes += bytes;
    }
    if (chunk.length) await this.sendChunk(messages, chunk, rejected);
    return { rejected: rejected.sort((a, b) => a.index - b.index) };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.producer.disconnect();
  }

  /** Sends the chunk; when the broker refuses it for good, sends its messages one by one to find the refused ones. */
  private async sendChunk(
    messages: readonly IntegrationMessage[],
    indices: readonly number[],
    rejected: RejectedMessage[],
  ): Promise<void> {
    try {
      await this.send(indices.map((index) => messages[index]));
    } catch (error) {
      const classified = classifyKafkaError(error);
      if (classified.kind === 'retryable')
        throw new RetryablePublishError(`Kafka publish failed: ${classified.error}`, error);
      if (indices.length === 1) {
        rejected.push({ index: indices[0], reason: classified.reason, error: classified.error });
        return;
      }
      for (const index of indices) await this.sendChunk(messages, [index], rejected);
    }
  }

  private async send(messages: readonly IntegrationMessage[]): Promise<void> {
    await this.connect();
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const { topic, key, value, headers } of messages) {
      const list = byTopic.get(topic) ?? [];
      list.push({ key, value, headers: { ...headers } });
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      timeout: this.options.requestTimeoutMs ?? 30_000,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.reject(new RetryablePublishError('the Kafka publisher is closed'));
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined; // try again on the next send
      throw error;
    });
    return this.connecting;
  }
}

/** kafkajs logs through the service's logger; its errors are warnings here, the relay logs the failure that matters. */
function logKafkaJs(logger: Logger | undefined, { level, log }: LogEntry): void {
  if (!logger) return;
  const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
  const line = { kafkajs: fields };
  if (level <= logLevel.WARN) logger.warn(line, `kafkajs: ${message}`);
  else logger.debug(line, `kafkajs: ${message}`);
}
