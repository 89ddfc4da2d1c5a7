/**
 * Reminders of the worklist on a real Kafka-protocol broker (test/support/kafka.ts): commands over
 * HTTP with business times, the read models projected, and reminder schedules run at moments of an
 * injected clock — one instance, a fresh one (a restarted projector) and two at once. Each reminder
 * arrives exactly once; a wait for the initiative moves the due time it reminds of; a grant's proof
 * of use is reminded of like a promise. Expected times
 * worked out by hand (winter: Berlin = UTC+1; responseTargetDays 14; due-soon window 3 days).
 */
import { randomUUID } from 'node:crypto';
import { KafkajsPublisher, reminderTopic } from '@koproduktiv/messaging';
import { MS_PER_DAY, resolveMetricsSettings } from '@koproduktiv/metrics';
import { PostgresIdempotencyStore } from '@koproduktiv/platform';
import { projectorOptionsFrom } from '@koproduktiv/config';
import { createProjector, ReminderSchedule } from '@koproduktiv/projector';
import pino from 'pino';
import { Registry } from 'prom-client';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';
import { describeKafka, startTestKafka, TestKafka } from '../support/kafka';
import { ConsumedRecord, RelayHarness, relayTestTopics, waitFor } from '../support/kafka-relay-harness';

describeKafka('reminders to Kafka', () => {
  let kafka: TestKafka;
  let consumer: RelayHarness;
  let api: ApiHarness;
  let now = new Date('2026-01-18T12:00:00Z');
  const publishers: KafkajsPublisher[] = [];
  const unitId = randomUUID();
  const initiativeId = randomUUID();
  const promised = randomUUID(); // the administration promised something for 20 January; a grant's proof is due then too
  const waiting = randomUUID(); // unanswered, waits for the initiative 10–20 January
  const k1 = randomUUID();
  const fundId = randomUUID();

  const send = async (type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  /** A reminder schedule as a projector (re)started now would run it: its own producer and worklist index. */
  const projectorInstance = () => {
    const publisher = new KafkajsPublisher({
      brokers: kafka.brokers,
      clientId: `reminders-${publishers.length}`,
      maxMessageBytes: 1_000_000,
    });
    publishers.push(publisher);
    const settings = { intervalMs: 0, dueSoonMs: 3 * MS_PER_DAY };
    return new ReminderSchedule(
      api.db.pool,
      publisher,
      kafka.topicPrefix,
      settings,
      () => resolveMetricsSettings(),
      undefined,
      () => now,
    );
  };
  const arrived = (count: number) =>
    consumer.consume([reminderTopic(kafka.topicPrefix)], (records) => records.length >= count);
  const describe = (r: ConsumedRecord) => {
    const data = JSON.parse(r.value.toString('utf8'));
    const name = data.caseId === promised ? 'promised' : data.caseId === waiting ? 'waiting' : data.caseId;
    return `${r.headers.ce_type} ${name} ${data.kind} ${data.dueAt}`;
  };

  beforeAll(async () => {
    kafka = await startTestKafka((prefix) => [
      ...relayTestTopics(prefix),
      { name: reminderTopic(prefix), partitions: 3 },
    ]);
    consumer = await RelayHarness.start(kafka);
    api = await startApi();
    await send('RegisterUnit', { unitId, name: 'Koordinierungsstelle', isContactPoint: true }, '2026-01-02T08:00:00Z');
    await send('RegisterInitiative', { ...commandExamples.RegisterInitiative, initiativeId }, '2026-01-02T08:00:00Z');
    const submit = { ...commandExamples.SubmitRequest, initiativeId };
    await send('SubmitRequest', { ...submit, caseId: promised }, '2026-01-05T08:00:00Z');
    await send('AcknowledgeRequest', { caseId: promised, unitId, staffRef: 'k.schulte' }, '2026-01-06T08:00:00Z');
    await send(
      'MakeCommitment',
      { caseId: promised, commitmentId: k1, promisor: 'administration', description: 'Schlüssel', dueOn: '2026-01-20' },
      '2026-01-06T09:00:00Z',
    );
    await send(
      'OpenFund',
      { fundId, name: 'Mit-mach-Fonds', year: 2026, budgetCents: 1_000_000 },
      '2026-01-02T08:00:00Z',
    );
    const applicationId = randomUUID();
    await send(
      'ApplyForFunding',
      { caseId: promised, applicationId, fundId, amountRequestedCents: 100_000, purpose: 'Werkzeug' },
      '2026-01-06T10:00:00Z',
    );
    await send(
      'AwardGrant',
      { fundId, applicationId, amountCents: 100_000, proofDueOn: '2026-01-20' },
      '2026-01-07T10:00:00Z',
    );
    await send('SubmitRequest', { ...submit, caseId: waiting }, '2026-01-05T08:00:00Z');
    await send('AwaitInitiative', { caseId: waiting, reason: 'Unterlagen fehlen' }, '2026-01-10T08:00:00Z');
    await api.project();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(publishers.map((publisher) => publisher.close()));
    await api?.close();
    await consumer?.close();
    await kafka?.stop();
  });

  it('sends each reminder once: due-soon, again nothing, then overdue from a restarted and from two projectors at once; a wait moves the due time', async () => {
    const first = projectorInstance();
    // 18 Jan 12:00: the promise and the proof of use due at the end of 20 Jan are due within 3 days.
    // The unanswered request is paused (its case waits), so it is reminded of nothing.
    expect(await first.runOnce()).toEqual({ recorded: 2, published: 2 });
    now = new Date('2026-01-18T13:00:00Z');
    expect(await first.runOnce()).toEqual({ recorded: 0, published: 0 });

    // 21 Jan 12:00: overdue. Two projectors notice it at once, after a restart (fresh instances).
    now = new Date('2026-01-21T12:00:00Z');
    const [a, b] = await Promise.all([projectorInstance().runOnce(), projectorInstance().runOnce()]);
    expect(a.recorded + b.recorded).toBe(2);
    expect(a.published + b.published).toBe(2);

    // The initiative answered; the case resumed on 20 Jan: 10 days of waiting move the request's
    // due time from 19 Jan 08:00 to 29 Jan 08:00.
    await send('ResumeCase', { caseId: waiting }, '2026-01-20T08:00:00Z');
    await api.project();
    now = new Date('2026-01-27T12:00:00Z');
    expect(await projectorInstance().runOnce()).toEqual({ recorded: 1, published: 1 });
    now = new Date('2026-01-30T00:00:00Z');
    const last = projectorInstance();
    expect(await last.runOnce()).toEqual({ recorded: 1, published: 1 });
    expect(await last.runOnce()).toEqual({ recorded: 0, published: 0 });

    const records = await arrived(6);
    expect(records.map(describe).sort()).toEqual([
      'koproduktiv.reminder.due promised commitment_due 2026-01-20T22:59:59.999Z',
      'koproduktiv.reminder.due promised proof_of_use_due 2026-01-20T22:59:59.999Z',
      'koproduktiv.reminder.due waiting request_unacknowledged 2026-01-29T08:00:00.000Z',
      'koproduktiv.reminder.overdue promised commitment_overdue 2026-01-20T22:59:59.999Z',
      'koproduktiv.reminder.overdue promised proof_of_use_overdue 2026-01-20T22:59:59.999Z',
      'koproduktiv.reminder.overdue waiting request_unacknowledged 2026-01-29T08:00:00.000Z',
    ]);
    expect(new Set(records.map((r) => r.headers.ce_id)).size).toBe(6);
    for (const record of records) {
      expect(record.key).toBe(`case-${JSON.parse(record.value.toString('utf8')).caseId}`);
      expect(record.headers).toMatchObject({ ce_source: '/koproduktiv/tenants/musterstadt', ce_tenant: 'musterstadt' });
    }
  }, 120_000);

  it('the projector as deployed runs them with the relay (KAFKA_BROKERS), every REMINDERS_INTERVAL_SECONDS', async () => {
    // 6 April: the promised case's last contact (its submission, 5 Jan 08:00) is 90 days ago since
    // 5 April 08:00, so it went dormant unnoticed: only `overdue` is sent. The waiting case goes
    // dormant 10 days later (its wait), on 15 April 08:00: not due within 3 days yet.
    const logs: { msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const env = {
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: kafka.topicPrefix,
      REMINDERS_INTERVAL_SECONDS: '1',
    };
    const runtime = {
      store: api.store,
      pool: api.db.pool,
      idempotency: new PostgresIdempotencyStore(api.db.pool),
      personalData: api.personalData,
    };
    const projector = createProjector(
      runtime,
      logger,
      projectorOptionsFrom(env),
      () => new Date('2026-04-06T00:00:00Z'),
    );
    expect(projector.reminders).toBeDefined();
    expect(
      createProjector(runtime, logger, projectorOptionsFrom({ ...env, REMINDERS_INTERVAL_SECONDS: '0' })).reminders,
    ).toBeUndefined();
    expect(createProjector(runtime, logger, projectorOptionsFrom({})).reminders).toBeUndefined();
    const registry = new Registry();
    projector.registerMetrics(registry);
    await projector.start();
    try {
      await waitFor(async () => logs.some((line) => line.msg === 'reminders: recorded and published'), 30_000);
    } finally {
      await projector.stop();
    }
    const records = await arrived(7);
    expect(records.map(describe).filter((line) => line.includes('case_going_dormant'))).toEqual([
      'koproduktiv.reminder.overdue promised case_going_dormant 2026-04-05T08:00:00.000Z',
    ]);
    expect(records).toHaveLength(7);
    const scraped = await registry.metrics();
    expect(scraped).toMatch(/^koproduktiv_reminders_recorded_total 1$/m);
    expect(scraped).toMatch(/^koproduktiv_reminders_published_total 1$/m);
    expect(scraped).toMatch(/^koproduktiv_reminders_failed_runs_total 0$/m);
  }, 120_000);
});
