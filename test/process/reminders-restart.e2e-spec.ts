import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@koproduktiv/domain';
import { type EventToAppend, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { kafkaOptionsFrom } from '@koproduktiv/config';
import { reminderTopic, startKafkaRelay } from '@koproduktiv/messaging';
import { freePort } from '@koproduktiv/platform';
import type { EventCodec } from '@koproduktiv/personal-data';
import { ensureReadModels, ReadModelProjection } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { describeKafka, itWithBrokerFaults, KafkaFaults, startTestKafka, TestKafka } from '../support/kafka';
import { ConsumedRecord, RelayHarness, relayTestTopics, waitFor } from '../support/kafka-relay-harness';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { openTestPersonalData } from '../support/personal-data';
import { ensureBuilt, RunningProcess, startNode } from '../support/processes';

const DAY = 86_400_000;
/** More than one publishing batch (500): the projector is killed while the second is at the broker. */
const CASES = 600;
const AWARDS = 5;
/** The broker answers this late, so that a batch it has taken stays unacknowledged long enough to kill the publisher. */
const RESPONSE_DELAY_MS = 4000;

/**
 * Reminders across real restarts of the projector: `dist/apps/projector/src/main.js` as its own
 * process publishes the worklist's reminders to the librdkafka mock broker, which answers
 * RESPONSE_DELAY_MS late, and is stopped while the broker holds a batch it has not acknowledged yet:
 *
 * - with SIGTERM, it finishes that batch before it exits, and a restarted projector sends nothing
 *   again: every reminder exactly once;
 * - with SIGKILL, the batch stays pending in the ledger, and the restarted projector publishes it
 *   again with the same `ce_id`, body and `time`: every reminder at least once, that batch twice —
 *   consumers de-duplicate by `ce_id` (README, "Reminders to the administration's systems").
 */
describeKafka('reminders across real projector restarts', () => {
  let kafka: TestKafka;
  let consumer: RelayHarness;
  let db: TestDatabase;
  let codec: EventCodec;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    kafka = await startTestKafka((prefix) => [
      ...relayTestTopics(prefix),
      { name: reminderTopic(prefix), partitions: 3 },
    ]);
    consumer = await RelayHarness.start(kafka);
    db = await createTestDatabase('kp_reminders_restart');
    await migrate(db.pool);
    // Stored as the command path stores them: personal data sealed (the projector refuses a plain-text store).
    ({ codec } = await openTestPersonalData(db.pool));
  }, 120_000);
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    await consumer?.close();
    await kafka?.stop();
    await db?.drop();
  });

  const startProjector = async () => {
    const port = await freePort();
    const proc = startNode('dist/apps/projector/src/main.js', [], {
      DATABASE_URL: db.url,
      PROJECTOR_PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: kafka.topicPrefix,
      REMINDERS_INTERVAL_SECONDS: '1',
    });
    running.push(proc);
    await proc.waitFor(/projector running/);
    // Said once, by the relay as it starts (with its brokers, topic prefix, SASL mechanism and TLS).
    expect(proc.output().match(/Kafka relay enabled/g)).toHaveLength(1);
    return { proc, port };
  };
  /** Waits until a run of the projector's reminder schedule has completed (its /metrics says when). */
  const aRunCompleted = (port: number) =>
    waitFor(
      async () => {
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return Number(/koproduktiv_reminders_last_success_timestamp_seconds (\d+)/.exec(metrics)?.[1] ?? 0) > 0;
      },
      60_000,
      () => 'no run of the reminder schedule completed',
    );
  const ledger = async (tenant: string) =>
    (
      await db.pool.query<{ total: number; published: number }>(
        'SELECT count(*)::int AS total, count(published_at)::int AS published FROM kp_reminders WHERE tenant = $1',
        [tenant],
      )
    ).rows[0];
  /** The tenant's stories, and what an earlier run of the projector did with them (see prepare). */
  const prepare = async (tenant: string, faults: KafkaFaults) => {
    await faults.delayResponses(0);
    const story = await storeCases(db, codec, tenant);
    // The read models are up to date, so that the first run of the schedule sees every case, and the
    // relay has published the domain events, so that the reminders are the only messages the
    // projectors under test produce.
    const store = new PostgresEventStore(db.pool);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool))).catchUp();
    const relay = startKafkaRelay(
      kafkaOptionsFrom({ KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: kafka.topicPrefix })!,
    );
    await new ProcessorRunner(store, db.pool, relay.processor, { batchSize: 500 }).catchUp();
    await relay.close();
    await faults.delayResponses(RESPONSE_DELAY_MS);
    return story;
  };
  /** Every copy of the tenant's reminders on the topic, by `ce_id`, once all the ledger recorded arrived. */
  const onTheTopic = async (tenant: string, faults: KafkaFaults) => {
    await faults.delayResponses(0);
    const { rows: recorded } = await db.pool.query<{ id: string }>('SELECT id FROM kp_reminders WHERE tenant = $1', [
      tenant,
    ]);
    const records = (
      await consumer.consume(
        [reminderTopic(kafka.topicPrefix)],
        (consumed) =>
          new Set(consumed.filter((r) => r.headers.ce_tenant === tenant).map((r) => r.headers.ce_id)).size >=
          recorded.length,
        60_000,
      )
    ).filter((r) => r.headers.ce_tenant === tenant);
    const byId = new Map<string, ConsumedRecord[]>();
    for (const record of records) byId.set(record.headers.ce_id, [...(byId.get(record.headers.ce_id) ?? []), record]);
    expect([...byId.keys()].sort()).toEqual(recorded.map((row) => row.id).sort());
    // Copies of one reminder are the same message: id, type, time, key and body.
    for (const copies of byId.values()) {
      const same = copies.map((r) => [r.headers.ce_type, r.headers.ce_time, r.key, r.value.toString('utf8')]);
      expect(new Set(same.map((s) => JSON.stringify(s))).size).toBe(1);
    }
    return byId;
  };
  const expectEveryItemReminded = (byId: Map<string, ConsumedRecord[]>, story: Story) => {
    const reminded = [...byId.values()].map((copies) => ({
      type: copies[0].headers.ce_type,
      ...JSON.parse(copies[0].value.toString('utf8')),
    }));
    const refIds = (kind: string) =>
      reminded
        .filter((data) => data.kind === kind)
        .map((data) => data.refId)
        .sort();
    expect(refIds('commitment_overdue')).toEqual([...story.commitmentIds].sort());
    expect(refIds('proof_of_use_overdue')).toEqual([...story.applicationIds].sort());
    expect(new Set(reminded.map((data) => data.type))).toEqual(new Set(['koproduktiv.reminder.overdue']));
  };

  itWithBrokerFaults(
    'SIGTERM while a batch waits for its acknowledgement, restart: every reminder exactly once',
    async (faults) => {
      const tenant = 'musterstadt';
      const story = await prepare(tenant, faults);
      const first = await startProjector();
      await waitFor(
        async () => (await ledger(tenant)).published >= 500,
        60_000,
        () => 'the first batch was not published',
      );
      // Mid-way: the second batch waits for its acknowledgement (RESPONSE_DELAY_MS).
      expect(await ledger(tenant)).toEqual({ total: CASES + AWARDS, published: 500 });
      first.proc.child.kill('SIGTERM');
      expect(await first.proc.exited()).toBe(0);
      // It stopped after the broker acknowledged the batch it was publishing, and the rest.
      expect(await ledger(tenant)).toEqual({ total: CASES + AWARDS, published: CASES + AWARDS });

      const second = await startProjector();
      await aRunCompleted(second.port);
      second.proc.child.kill('SIGTERM');
      expect(await second.proc.exited()).toBe(0);
      expect(await ledger(tenant)).toEqual({ total: CASES + AWARDS, published: CASES + AWARDS });

      const byId = await onTheTopic(tenant, faults);
      expect([...byId.values()].filter((copies) => copies.length !== 1)).toEqual([]);
      expectEveryItemReminded(byId, story);
    },
    () => kafka.faults,
    240_000,
  );

  itWithBrokerFaults(
    'SIGKILL while a batch waits for its acknowledgement, restart: every reminder on the topic, the unacknowledged batch twice with the same ids',
    async (faults) => {
      const tenant = 'nachbarstadt';
      const story = await prepare(tenant, faults);
      const first = await startProjector();
      await waitFor(
        async () => (await ledger(tenant)).published >= 500,
        60_000,
        () => 'the first batch was not published',
      );
      // The second batch is at the broker now; its acknowledgement is RESPONSE_DELAY_MS away.
      await new Promise((resolve) => setTimeout(resolve, RESPONSE_DELAY_MS / 2));
      first.proc.child.kill('SIGKILL');
      await first.proc.exited();
      expect(await ledger(tenant)).toEqual({ total: CASES + AWARDS, published: 500 });
      const { rows: unacknowledged } = await db.pool.query<{ id: string }>(
        'SELECT id FROM kp_reminders WHERE tenant = $1 AND published_at IS NULL',
        [tenant],
      );

      const second = await startProjector();
      await waitFor(
        async () => (await ledger(tenant)).published === CASES + AWARDS,
        60_000,
        () => 'the restarted projector did not publish the rest',
      );
      second.proc.child.kill('SIGTERM');
      expect(await second.proc.exited()).toBe(0);
      expect(await ledger(tenant)).toEqual({ total: CASES + AWARDS, published: CASES + AWARDS });

      const byId = await onTheTopic(tenant, faults);
      expect([...byId.values()].every((copies) => copies.length <= 2)).toBe(true);
      // Twice: exactly the batch the killed process had handed over and never saw acknowledged.
      const twice = [...byId].filter(([, copies]) => copies.length === 2).map(([id]) => id);
      expect(twice.sort()).toEqual(unacknowledged.map((row) => row.id).sort());
      expectEveryItemReminded(byId, story);
    },
    () => kafka.faults,
    240_000,
  );
});

/**
 * CASES cases, each with an administration promise due two days ago (an overdue reminder each; the
 * cases were acknowledged and have 80 days left before they go dormant), and AWARDS of them with an
 * award whose proof of use was due yesterday.
 */
interface Story {
  readonly commitmentIds: readonly string[];
  readonly applicationIds: readonly string[];
}

async function storeCases(db: TestDatabase, codec: EventCodec, tenant: string): Promise<Story> {
  const store = new PostgresEventStore(db.pool);
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const dateOf = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 10);
  const append = async (stream: string, events: [type: string, data: object, occurredAt: Date][]) => {
    const sealed = await codec.encode(
      tenant,
      events.map(([type, data]) => ({ type, data }) as DomainEvent),
      new Date(now),
    );
    const toAppend: EventToAppend[] = events.map(([type, , occurredAt], i) => ({
      eventId: randomUUID(),
      type,
      schemaVersion: type === 'GrantAwarded' ? 2 : 1,
      occurredAt,
      data: sealed[i],
      metadata: { actor: { subject: 'clerk', role: 'clerk' }, correlationId: 'reminders-restart', causationId: 'test' },
    }));
    await store.append(tenant, stream, toAppend, 'no_stream');
  };
  const unitId = randomUUID();
  const fundId = randomUUID();
  const commitmentIds: string[] = [];
  const applicationIds: string[] = [];
  const funded: [string, object, Date][] = [
    ['FundOpened', { fundId, name: 'Mit-mach-Fonds', year: 2026, budgetCents: 10_000_000 }, at(20)],
  ];
  for (let i = 0; i < CASES; i++) {
    const caseId = randomUUID();
    const commitmentId = randomUUID();
    commitmentIds.push(commitmentId);
    await append(`case-${caseId}`, [
      ['RequestSubmitted', { ...commandExamples.SubmitRequest, caseId }, at(10)],
      ['RequestAcknowledged', { caseId, unitId, staffRef: 'k.schulte' }, at(9)],
      [
        'CommitmentMade',
        { caseId, commitmentId, promisor: 'administration', description: 'Prüfung', dueOn: dateOf(2) },
        at(9),
      ],
    ]);
    if (i < AWARDS) {
      const applicationId = randomUUID();
      applicationIds.push(applicationId);
      funded.push(
        ['ApplicationReceived', { fundId, applicationId, caseId, amountRequestedCents: 100_000 }, at(8)],
        ['GrantAwarded', { fundId, applicationId, caseId, amountCents: 100_000, proofDueOn: dateOf(1) }, at(8)],
      );
    }
  }
  await append(`fund-${fundId}`, funded);
  return { commitmentIds, applicationIds };
}
