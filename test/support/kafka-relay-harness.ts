/** A real PostgreSQL store, the relay run by a ProcessorRunner, and a kafkajs consumer reading what arrived. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { EventToAppend, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { kafkaOptionsFrom } from '@koproduktiv/config';
import { KafkaRelayHandle, relayTopics, startKafkaRelay } from '@koproduktiv/messaging';
import { Processor, ProcessorRunner } from '@koproduktiv/subscriptions';
import { createTestDatabase, TestDatabase } from './postgres';
import { startTestKafka, TestKafka, TestTopic } from './kafka';
import { waitFor } from './wait-for';

export { waitFor };

export const relayTestTopics = (prefix: string): TestTopic[] =>
  relayTopics(prefix).map((name) => ({ name, partitions: name.endsWith('deadletter.v1') ? 1 : 3 }));

export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export interface RunningRelay {
  readonly runner: ProcessorRunner;
  readonly relay: KafkaRelayHandle;
  readonly logs: { level: number; msg: string; [key: string]: unknown }[];
  stop(): Promise<void>;
}

export class RelayHarness {
  private constructor(
    readonly kafka: TestKafka,
    readonly db: TestDatabase,
    readonly store: PostgresEventStore,
  ) {}

  static async start(kafka: TestKafka): Promise<RelayHarness> {
    const db = await createTestDatabase('kp_kafka');
    await migrate(db.pool);
    return new RelayHarness(kafka, db, new PostgresEventStore(db.pool));
  }

  get topicPrefix() {
    return this.kafka.topicPrefix;
  }

  /** A relay on this store; `wrap` may put a failing processor around it. */
  startRelay(
    env: Record<string, string> = {},
    wrap: (relay: Processor) => Processor = (relay) => relay,
    batchSize = 50,
  ): RunningRelay {
    const logs: RunningRelay['logs'] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const options = kafkaOptionsFrom({
      KAFKA_BROKERS: this.kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      KAFKA_BACKOFF_INITIAL_MS: '50',
      KAFKA_BACKOFF_MAX_MS: '500',
      ...env,
    });
    if (!options) throw new Error('relay not enabled');
    const relay = startKafkaRelay(options, logger);
    const runner = new ProcessorRunner(this.store, this.db.pool, wrap(relay.processor), {
      batchSize,
      idleMs: 10,
      retryMs: 20,
      logger,
    });
    runner.start();
    return {
      runner,
      relay,
      logs,
      stop: async () => {
        await Promise.all([runner.stop(), relay.close()]);
      },
    };
  }

  async append(tenant: string, streamId: string, events: readonly EventToAppend[]) {
    return this.store.append(tenant, streamId, events, 'any');
  }

  /** The relay's checkpoint position in PostgreSQL (0 before its first commit). */
  async checkpointPosition(name = 'kafka-relay'): Promise<number> {
    const { rows } = await this.db.pool
      .query<{ position: string }>('SELECT position FROM kp_checkpoints WHERE name = $1', [name])
      .catch(() => ({ rows: [] }));
    return rows.length ? Number(rows[0].position) : 0;
  }

  /** Reads the topics from the beginning with a fresh consumer group until `done` holds for what arrived. */
  async consume(
    topics: readonly string[],
    done: (records: readonly ConsumedRecord[]) => boolean,
    timeoutMs = 30_000,
  ): Promise<ConsumedRecord[]> {
    const kafka = new Kafka({
      brokers: this.kafka.brokers,
      clientId: 'koproduktiv-test-consumer',
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({
      groupId: `test-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
    });
    const records: ConsumedRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          records.push({
            topic,
            partition,
            offset: Number(message.offset),
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
            ),
          });
        },
      });
      await waitFor(
        async () => done(records),
        timeoutMs,
        () => `consumed ${records.length} records`,
      );
      // Then on to the end of the log as it stands now, so that late copies (duplicates) are counted too.
      const ends = await this.logEnds(kafka, topics);
      const consumedUpTo = (topic: string, partition: number) =>
        records.reduce(
          (max, r) => (r.topic === topic && r.partition === partition ? Math.max(max, r.offset + 1) : max),
          0,
        );
      await waitFor(
        async () => ends.every(({ topic, partition, end }) => consumedUpTo(topic, partition) >= end),
        timeoutMs,
        () => `consumed ${records.length} records, not yet to the end of the log`,
      );
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  /** Each partition's high-water mark: the offset the next record will get. */
  private async logEnds(
    kafka: Kafka,
    topics: readonly string[],
  ): Promise<{ topic: string; partition: number; end: number }[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const perTopic = await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            topic,
            partition,
            end: Number(high),
          })),
        ),
      );
      return perTopic.flat();
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await this.db.drop();
  }
}

/** Per key, the stream versions in the order their first copy arrived (duplicates dropped by ce_id). */
export function firstArrivalsPerKey(records: readonly ConsumedRecord[]): Map<string, number[]> {
  const seen = new Set<string>();
  const perKey = new Map<string, number[]>();
  const ordered = [...records].sort(
    (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset,
  );
  for (const record of ordered) {
    if (seen.has(record.headers.ce_id)) continue;
    seen.add(record.headers.ce_id);
    perKey.set(record.key, [...(perKey.get(record.key) ?? []), Number(record.headers.ce_streamversion)]);
  }
  return perKey;
}

/** A broker and a relay harness, started before the suite's tests and stopped after them. */
export function relayHarnessForSuite(): { readonly kafka: TestKafka; readonly harness: RelayHarness } {
  const suite = {} as { kafka: TestKafka; harness: RelayHarness };
  beforeAll(async () => {
    suite.kafka = await startTestKafka(relayTestTopics);
    suite.harness = await RelayHarness.start(suite.kafka);
  });
  afterAll(async () => {
    await suite.harness?.close();
    await suite.kafka?.stop();
  });
  return suite;
}
