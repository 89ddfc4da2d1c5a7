/**
 * A Kafka broker for tests (ARCHITECTURE.md, "Backends in tests"): KAFKA_BROKERS if set; else a
 * single-node Kafka (KRaft) container where testcontainers finds a container runtime; else
 * librdkafka's mock cluster (a real Kafka-protocol broker on loopback) built from
 * infra/kafka-mock/kafka-mock.c with gcc and Debian's librdkafka-dev, cached under
 * node_modules/.cache. When none is possible the Kafka suites are skipped with a loud reason — and under
 * CI=true or KP_REQUIRE_KAFKA=1 (.ci/run) they fail instead, because CI must prove the Kafka path.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { buildMockBroker, MockBroker } from '../fixtures/kafka-mock';
import { describeBackend } from './backends';
import { freePort } from '@koproduktiv/platform';

export const KAFKA_IMAGE = 'apache/kafka:3.9.0';

export type KafkaPlan =
  | { readonly kind: 'env'; readonly brokers: string[] }
  | { readonly kind: 'container' }
  | { readonly kind: 'mock'; readonly binary: string }
  | { readonly kind: 'skip'; readonly reason: string };

let cachedPlan: KafkaPlan | undefined;

/** Decides, synchronously (so that suites can be skipped at definition time), where Kafka comes from. */
export function kafkaPlan(): KafkaPlan {
  if (cachedPlan) return cachedPlan;
  if (process.env.KAFKA_BROKERS)
    return (cachedPlan = { kind: 'env', brokers: process.env.KAFKA_BROKERS.split(',').filter(Boolean) });
  if (containerRuntimeAnswers()) return (cachedPlan = { kind: 'container' });
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
    if (process.env.CI === 'true' || process.env.KP_REQUIRE_KAFKA === '1')
      throw new Error(`${line} — CI must run the Kafka suites (install gcc and librdkafka-dev, or set KAFKA_BROKERS)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/**
 * `it` for a test that switches the broker off or makes it refuse requests: only the mock broker
 * can. Elsewhere the test is reported skipped, with the reason in its name and in the log.
 */
export function itWithBrokerFaults(
  name: string,
  body: (faults: KafkaFaults) => Promise<void>,
  faultsOf: () => KafkaFaults | undefined,
  timeout?: number,
): void {
  const plan = kafkaPlan();
  if (plan.kind !== 'mock') {
    const reason =
      plan.kind === 'skip'
        ? plan.reason
        : `the ${plan.kind === 'env' ? 'broker at KAFKA_BROKERS' : 'Kafka container'} cannot be switched off or made to refuse requests from here (needs the mock broker)`;
    process.stdout.write(`\n[backends] Kafka: "${name}" skipped: ${reason}\n`);
    it.skip(`${name} [skipped: ${reason}]`, () => undefined);
    return;
  }
  it(
    name,
    async () => {
      const faults = faultsOf();
      if (!faults) throw new Error('the mock broker came without fault injection');
      await body(faults);
    },
    timeout,
  );
}

/** Fault injection on the mock broker (librdkafka's rd_kafka_mock_* calls through the fixture's stdin). */
export interface KafkaFaults {
  /** The broker closes every connection and refuses new ones until brokerUp. */
  brokerDown(brokerId?: number): Promise<void>;
  brokerUp(brokerId?: number): Promise<void>;
  /** The next `count` requests of an API (0 = Produce) fail with the Kafka error code (e.g. 10 = MESSAGE_TOO_LARGE). */
  failRequests(apiKey: number, count: number, errorCode: number): Promise<void>;
  clearRequestErrors(apiKey: number): Promise<void>;
  /** The broker answers every request `ms` later than it handles it (0: at once again). */
  delayResponses(ms: number, brokerId?: number): Promise<void>;
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
  if (plan.kind === 'container') {
    const started = Date.now();
    const container = await startKafkaContainer();
    await createTopics(container.brokers, topics(topicPrefix));
    describeBackend(
      'Kafka',
      `testcontainers ${KAFKA_IMAGE} at ${container.brokers.join(',')} (started in ${Date.now() - started} ms)`,
    );
    return { brokers: container.brokers, topicPrefix, where: `testcontainers ${KAFKA_IMAGE}`, stop: container.stop };
  }
  const started = Date.now();
  const mock = await MockBroker.start(plan.binary, topics(topicPrefix));
  describeBackend(
    'Kafka',
    `librdkafka mock cluster at ${mock.brokers.join(',')} (started in ${Date.now() - started} ms)`,
  );
  return {
    brokers: mock.brokers,
    topicPrefix,
    where: 'librdkafka mock cluster',
    faults: mock,
    stop: () => mock.stop(),
  };
}

async function createTopics(brokers: string[], topics: readonly TestTopic[]): Promise<void> {
  const admin = new Kafka({ brokers, clientId: 'koproduktiv-tests', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map(({ name, partitions }) => ({ topic: name, numPartitions: partitions })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** testcontainers' own runtime detection, run synchronously in a child (suites are defined synchronously). */
function containerRuntimeAnswers(): boolean {
  const probe =
    "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))";
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A single-node Kafka in KRaft mode. The host port is chosen before the start, because the broker
 * must advertise the address clients reach it on.
 */
async function startKafkaContainer(): Promise<{ brokers: string[]; stop(): Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freePort();
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { brokers: [`127.0.0.1:${port}`], stop: async () => void (await container.stop()) };
}
