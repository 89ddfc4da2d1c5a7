/**
 * A Kafka broker for tests (ARCHITECTURE.md, "Backends in tests"): KAFKA_BROKERS if set; else
 * librdkafka's mock cluster (a real Kafka-protocol broker on loopback) built from
 * infra/kafka-mock/kafka-mock.c with gcc and Debian's librdkafka-dev, cached under
 * node_modules/.cache. (testcontainers is not a dependency of this repository, so its branch is
 * not taken.) When neither is possible the Kafka suites are skipped with a loud reason — and under
 * CI=true or KP_REQUIRE_KAFKA=1 (.ci/run) they fail instead, because CI must prove the Kafka path.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { buildMockBroker, MockBroker } from '../../bench/support/kafka-mock';
import { describeBackend } from './backends';

export type KafkaPlan =
  | { readonly kind: 'env'; readonly brokers: string[] }
  | { readonly kind: 'mock'; readonly binary: string }
  | { readonly kind: 'skip'; readonly reason: string };

let cachedPlan: KafkaPlan | undefined;

/** Decides, synchronously (so that suites can be skipped at definition time), where Kafka comes from. */
export function kafkaPlan(): KafkaPlan {
  if (cachedPlan) return cachedPlan;
  if (process.env.KAFKA_BROKERS) return (cachedPlan = { kind: 'env', brokers: process.env.KAFKA_BROKERS.split(',').filter(Boolean) });
  const built = buildMockBroker();
  cachedPlan = 'binary' in built ? { kind: 'mock', binary: built.binary } : { kind: 'skip', reason: built.reason };
  return cachedPlan;
}

/**
 * `describe` when a broker is available, else `describe.skip` with a loud line in the log. Under
 * CI=true or KP_REQUIRE_KAFKA=1 a missing broker throws, failing the run.
 */
export function describeKafka(name: string, body: () => void): void {
  const plan = kafkaPlan();
  if (plan.kind === 'skip') {
    const line = `[backends] Kafka: skipped: ${plan.reason}`;
    process.stdout.write(`\n${line}\n`);
    if (process.env.CI === 'true' || process.env.KP_REQUIRE_KAFKA === '1') throw new Error(`${line} — CI must run the Kafka suites (install gcc and librdkafka-dev, or set KAFKA_BROKERS)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/** Fault injection on the mock broker (librdkafka's rd_kafka_mock_* calls through the fixture's stdin). */
export interface KafkaFaults {
  /** The broker closes every connection and refuses new ones until brokerUp. */
  brokerDown(brokerId?: number): Promise<void>;
  brokerUp(brokerId?: number): Promise<void>;
  /** The next `count` requests of an API (0 = Produce) fail with the Kafka error code (e.g. 10 = MESSAGE_TOO_LARGE). */
  failRequests(apiKey: number, count: number, errorCode: number): Promise<void>;
  clearRequestErrors(apiKey: number): Promise<void>;
}

export interface TestKafka {
  readonly brokers: string[];
  /** A topic prefix of this test file's own, so that runs against a shared broker never meet. */
  readonly topicPrefix: string;
  readonly where: string;
  /** Only on the mock broker; a real cluster cannot be switched off from here. */
  readonly faults?: KafkaFaults;
  stop(): Promise<void>;
}

export interface TestTopic {
  readonly name: string;
  readonly partitions: number;
}

/** Starts (or connects to) the broker of the plan and creates the topics named by `topics(prefix)`. */
export async function startTestKafka(topics: (prefix: string) => readonly TestTopic[]): Promise<TestKafka> {
  const plan = kafkaPlan();
  const topicPrefix = `kptest-${randomUUID().slice(0, 8)}`;
  if (plan.kind === 'skip') throw new Error(`no Kafka broker: ${plan.reason}`);
  if (plan.kind === 'env') {
    await createTopics(plan.brokers, topics(topicPrefix));
    describeBackend('Kafka', `KAFKA_BROKERS (${plan.brokers.join(',')})`);
    return { brokers: plan.brokers, topicPrefix, where: 'KAFKA_BROKERS', stop: async () => undefined };
  }
  const started = Date.now();
  const mock = await MockBroker.start(plan.binary, topics(topicPrefix));
  describeBackend('Kafka', `librdkafka mock cluster at ${mock.brokers.join(',')} (started in ${Date.now() - started} ms)`);
  return { brokers: mock.brokers, topicPrefix, where: 'librdkafka mock cluster', faults: mock, stop: () => mock.stop() };
}

async function createTopics(brokers: string[], topics: readonly TestTopic[]): Promise<void> {
  const admin = new Kafka({ brokers, clientId: 'koproduktiv-tests', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map(({ name, partitions }) => ({ topic: name, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

