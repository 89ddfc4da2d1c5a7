import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@koproduktiv/domain';
import { type EventToAppend, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { kafkaOptionsFrom } from '@koproduktiv/config';
import { reminderTopic, startKafkaRelay } from '@koproduktiv/messaging';
import { freePort } from '@koproduktiv/platform';
import { ensureReadModels, ReadModelProjection } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { describeKafka, itWithBrokerFaults, startTestKafka, TestKafka } from '../support/kafka';
import { ConsumedRecord, RelayHarness, relayTestTopics, waitFor } from '../support/kafka-relay-harness';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { openTestPersonalData } from '../support/personal-data';
import { ensureBuilt, RunningProcess, startNode } from '../support/processes';

const TENANT = 'musterstadt';
const DAY = 86_400_000;
/** More than one publishing batch (500): the projector is killed while the second is at the broker. */
const CASES = 600;
const AWARDS = 5;
/** The broker answers this late, so that a batch it has taken stays unacknowledged long enough to kill the publisher. */
const RESPONSE_DELAY_MS = 1500;

/**
 * Reminders across a real restart of the projector: `dist/apps/projector/src/main.js` as its own
 * process publishes the worklist's reminders to the librdkafka mock broker, is killed with SIGKILL
 * while the broker holds a batch it has not acknowledged yet, and is started again. Every reminder
 * (item, due time, transition) is on the topic, under the id the ledger recorded for it; the batch
 * the killed process never saw acknowledged is published again by the next one with the same
 * `ce_id`, body and `time`: delivery is at-least-once across a crash, and consumers de-duplicate by
 * `ce_id` (README, "Reminders to the administration's systems").
 */
describeKafka('reminders across a real projector restart', () => {
  let kafka: TestKafka;
  let consumer: RelayHarness;
  let db: TestDatabase;
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
  }, 120_000);
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    await consumer?.close();
    await kafka?.stop();
    await db?.drop();
  });

  const startProjector = async () => {
    const proc = startNode('dist/apps/projector/src/main.js', [], {
      DATABASE_URL: db.url,
      PROJECTOR_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: kafka.topicPrefix,
      REMINDERS_INTERVAL_SECONDS: '1',
    });
    running.push(proc);
    await proc.waitFor(/projector running/);
    return proc;
  };
  const ledger = async () =>
    (
      await db.pool.query<{ total: number; published: number }>(
        'SELECT count(*)::int AS total, count(published_at)::int AS published FROM kp_reminders',
      )
    ).rows[0];

  itWithBrokerFaults(
    'SIGKILL while a batch waits for its acknowledgement, restart: every reminder on the topic, the unacknowledged batch twice with the same ids',
    async (faults) => {
      const { commitmentIds, applicationIds } = await storeCases(db);
      // What an earlier run of the projector did: the read models are up to date, so that the first
      // run of the schedule sees every case, and the relay has published the domain events, so that
      // the reminders are the only messages the restarted projectors produce.
      const store = new PostgresEventStore(db.pool);
      await new ProcessorRunner(store, db.pool, new ReadModelProjection(await ensureReadModels(db.pool))).catchUp();
      const relay = startKafkaRelay(
        kafkaOptionsFrom({ KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: kafka.topicPrefix })!,
      );
      await new ProcessorRunner(store, db.pool, relay.processor, { batchSize: 500 }).catchUp();
      await relay.close();
      await faults.delayResponses(RESPONSE_DELAY_MS);

      const first = await startProjector();
      await waitFor(
        async () => (await ledger()).published >= 500,
        60_000,
        () => 'the first batch was not published',
      );
      // The second batch is at the broker now; its acknowledgement is RESPONSE_DELAY_MS away.
      await new Promise((resolve) => setTimeout(resolve, RESPONSE_DELAY_MS / 3));
      first.child.kill('SIGKILL');
      await first.exited();
      const atKill = await ledger();
      expect(atKill).toEqual({ total: CASES + AWARDS, published: 500 });
      const { rows: unacknowledged } = await db.pool.query<{ id: string }>(
        'SELECT id FROM kp_reminders WHERE published_at IS NULL ORDER BY seq',
      );

      const second = await startProjector();
      await waitFor(
        async () => (await ledger()).published === CASES + AWARDS,
        60_000,
        () => 'the restarted projector did not publish the rest',
      );
      await faults.delayResponses(0);
      // Later runs of the restarted projector find nothing new.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      second.child.kill('SIGTERM');
      expect(await second.exited()).toBe(0);
      expect(await ledger()).toEqual({ total: CASES + AWARDS, published: CASES + AWARDS });

      const records = await consumer.consume(
        [reminderTopic(kafka.topicPrefix)],
        (consumed) => new Set(consumed.map((r) => r.headers.ce_id)).size >= CASES + AWARDS,
        60_000,
      );
      const byId = new Map<string, ConsumedRecord[]>();
      for (const record of records) byId.set(record.headers.ce_id, [...(byId.get(record.headers.ce_id) ?? []), record]);
      const { rows: recorded } = await db.pool.query<{ id: string }>('SELECT id FROM kp_reminders');
      expect([...byId.keys()].sort()).toEqual(recorded.map((row) => row.id).sort());

      // Copies of one reminder are the same message: id, type, time, key and body.
      for (const copies of byId.values()) {
        const same = copies.map((r) => [r.headers.ce_type, r.headers.ce_time, r.key, r.value.toString('utf8')]);
        expect(new Set(same.map((s) => JSON.stringify(s))).size).toBe(1);
      }
      const twice = [...byId].filter(([, copies]) => copies.length > 1).map(([id]) => id);
      expect([...byId.values()].every((copies) => copies.length <= 2)).toBe(true);
      // Exactly the batch the killed process had handed over and never saw acknowledged.
      expect(twice.sort()).toEqual(unacknowledged.map((row) => row.id).sort());

      const reminded = [...byId.values()].map((copies) => JSON.parse(copies[0].value.toString('utf8')));
      expect(
        reminded
          .filter((data) => data.kind === 'commitment_overdue')
          .map((data) => data.refId)
          .sort(),
      ).toEqual([...commitmentIds].sort());
      expect(
        reminded
          .filter((data) => data.kind === 'proof_of_use_overdue')
          .map((data) => data.refId)
          .sort(),
      ).toEqual([...applicationIds].sort());
      expect(new Set(records.map((r) => r.headers.ce_type))).toEqual(new Set(['koproduktiv.reminder.overdue']));
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
async function storeCases(db: TestDatabase): Promise<{ commitmentIds: string[]; applicationIds: string[] }> {
  // Stored as the command path stores them: personal data sealed (the projector refuses a plain-text store).
  const { codec } = await openTestPersonalData(db.pool);
  const store = new PostgresEventStore(db.pool);
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const dateOf = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 10);
  const append = async (stream: string, events: [type: string, data: object, occurredAt: Date][]) => {
    const sealed = await codec.encode(
      TENANT,
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
    await store.append(TENANT, stream, toAppend, 'no_stream');
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
