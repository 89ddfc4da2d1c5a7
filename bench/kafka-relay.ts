/**
 * Kafka relay benchmark, on an embedded PostgreSQL and librdkafka's mock broker (or KAFKA_BROKERS):
 *
 *   npm run bench:relay [-- --events 200000 --batch 500 --rate 200 --duration 20 --idle 100]
 *
 * 1. Throughput: --events events (InteractionRecorded, ~0.6 KB each on the wire, on 2 000 case
 *    streams) are appended with PostgresEventStore.append, then the relay (ProcessorRunner +
 *    KafkaRelay, batches of --batch) publishes all of them; events/s from start to the checkpoint
 *    passing the last event.
 * 2. End-to-end latency under steady load: --rate appends per second (one event each, as a command
 *    appends) for --duration seconds while the relay runs with its idle poll of --idle ms; latency
 *    from the append's acknowledgement to a kafkajs consumer receiving the record. p50/p90/p99/max.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { EventToAppend, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { kafkaOptionsFrom } from '@koproduktiv/config';
import { relayTopics, startKafkaRelay } from '@koproduktiv/messaging';
import { createLogger, createPool, startEmbeddedPostgres } from '@koproduktiv/platform';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { buildMockBroker, MockBroker } from '../test/fixtures/kafka-mock';

const say = (line = '') => process.stdout.write(`${line}\n`);

function option(name: string, fallback: number): number {
  const argv = process.argv.slice(2);
  const at = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  const raw =
    at < 0
      ? process.env[`BENCH_${name.toUpperCase()}`]
      : argv[at].includes('=')
        ? argv[at].split('=')[1]
        : argv[at + 1];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const interaction = (caseId: string, n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'InteractionRecorded',
  schemaVersion: 1,
  data: {
    caseId,
    interactionId: randomUUID(),
    kind: 'meeting',
    initiatedBy: n % 2 ? 'initiative' : 'administration',
    participationLevel: 'collaborate',
    staffRef: `staff-${n % 50}`,
    unitId: '01890a5d-ac96-774b-bcce-b302099a8058',
    durationMinutes: 30 + (n % 60),
    summary: 'Abstimmung zur Zwischennutzung des Ladenlokals, Brandschutz und Schlüsselübergabe besprochen.',
  },
  occurredAt: new Date(),
  metadata: { actor: { subject: 'bench', role: 'clerk' }, correlationId: randomUUID(), causationId: randomUUID() },
});

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const events = option('events', 200_000);
  const batch = option('batch', 500);
  const rate = option('rate', 200);
  const duration = option('duration', 20);
  const idle = option('idle', 100);
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn', 'bench-relay');
  const dataDir = await mkdtemp(join(tmpdir(), 'koproduktiv-bench-relay-'));
  say(`Kafka relay benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);

  const postgres = await startEmbeddedPostgres({ dataDir, database: 'bench' });
  const pool = createPool({ connectionString: postgres.url, max: 40 });
  let broker: MockBroker | undefined;
  try {
    await migrate(pool);
    const store = new PostgresEventStore(pool);
    const prefix = `bench-${randomUUID().slice(0, 8)}`;
    let brokers = process.env.KAFKA_BROKERS?.split(',');
    if (!brokers) {
      const built = buildMockBroker();
      if (!('binary' in built)) throw new Error(built.reason);
      broker = await MockBroker.start(
        built.binary,
        relayTopics(prefix).map((name) => ({ name, partitions: 6 })),
      );
      brokers = broker.brokers;
    }
    say(
      `PostgreSQL (embedded) in ${dataDir}; Kafka: ${process.env.KAFKA_BROKERS ? `KAFKA_BROKERS ${brokers}` : `librdkafka mock cluster at ${brokers}`}, topics ${prefix}.*`,
    );

    // 1. Seed, then relay everything.
    const streams = Array.from({ length: 2000 }, () => `case-${randomUUID()}`);
    const perAppend = 20;
    const seeding = Date.now();
    let appended = 0;
    const workers = Array.from({ length: 16 }, async (_, worker) => {
      for (let i = worker; i * perAppend < events; i += 16) {
        const count = Math.min(perAppend, events - i * perAppend);
        const streamId = streams[i % streams.length];
        await store.append(
          'bench',
          streamId,
          Array.from({ length: count }, (_, n) => interaction(streamId, n)),
          'any',
        );
        appended += count;
      }
    });
    await Promise.all(workers);
    say(
      `seeded ${appended} events in ${((Date.now() - seeding) / 1000).toFixed(1)} s (${perAppend} per append, 16 writers)`,
    );

    const env = { KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_CLIENT_ID: 'bench-relay' };
    const relay = startKafkaRelay(kafkaOptionsFrom(env)!, logger);
    const runner = new ProcessorRunner(store, pool, relay.processor, {
      batchSize: batch,
      idleMs: idle,
      retryMs: 200,
      logger,
    });
    const started = process.hrtime.bigint();
    runner.start();
    const publishedSoFar = () => Object.values(relay.metrics.snapshot().published).reduce((a, b) => a + b, 0);
    while (publishedSoFar() < appended) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const snapshot = relay.metrics.snapshot();
    const published = publishedSoFar();
    while (!runner.status().caughtUp) await new Promise((resolve) => setTimeout(resolve, 20));
    say(
      `THROUGHPUT  ${appended} events relayed in ${seconds.toFixed(2)} s = ${Math.round(appended / seconds)} events/s (batch ${batch}; published ${published}, failures ${snapshot.failures}, dead letters ${Object.values(snapshot.deadLettered).length})`,
    );

    // 2. Latency under steady load: a consumer joins first and reads only new records.
    const kafka = new Kafka({ brokers, clientId: 'bench-consumer', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 10, heartbeatInterval: 500 });
    const acked = new Map<string, bigint>();
    const latencies: number[] = [];
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}.case.v1`], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        const at = id ? acked.get(id) : undefined;
        if (at !== undefined) latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
      },
    });
    while (!joined) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // fetch positions settle at the log end

    const total = Math.round(rate * duration);
    const loadStart = Date.now();
    const inflight: Promise<unknown>[] = [];
    for (let n = 0; n < total; n += 1) {
      const due = loadStart + (n * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const streamId = streams[n % streams.length];
      const event = interaction(streamId, n);
      inflight.push(
        store.append('bench', streamId, [event], 'any').then(() => acked.set(event.eventId, process.hrtime.bigint())),
      );
    }
    await Promise.all(inflight);
    const deadline = Date.now() + 30_000;
    while (latencies.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const sorted = [...latencies].sort((a, b) => a - b);
    say(
      `LATENCY     ${total} appends at ${rate}/s for ${duration} s, relay idle poll ${idle} ms: received ${sorted.length}; ` +
        `p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`,
    );
    await consumer.disconnect();
    await Promise.all([runner.stop(), relay.close()]);
  } finally {
    await pool.end();
    await postgres.stop();
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
