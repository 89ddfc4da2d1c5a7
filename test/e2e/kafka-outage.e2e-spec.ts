/**
 * Broker outages against a real Kafka-protocol broker: the broker goes down mid-stream and comes
 * back; the relay pauses with backoff, its checkpoint does not pass what the broker did not
 * acknowledge, and afterwards everything has arrived, in order per key. Then the relay is killed
 * after publishing and before its checkpoint: duplicates appear, and the de-duplicating consumer
 * still has exactly one effect per event.
 */
import type { RecordedEvent } from '@koproduktiv/event-store';
import { createDedupingHandler, PostgresDedupStore, relayTopics } from '@koproduktiv/messaging';
import type { Processor } from '@koproduktiv/subscriptions';
import { aDomainEvent, freshIds, SCRIPTED_HISTORY } from '@koproduktiv/messaging/testing';
import { describeKafka, itWithBrokerFaults } from '../support/kafka';
import { ConsumedRecord, firstArrivalsPerKey, relayHarnessForSuite, waitFor } from '../support/kafka-relay-harness';

describeKafka('Kafka relay: outages and crashes', () => {
  const suite = relayHarnessForSuite();

  /** Appends `rounds` RecordInteraction-like events to each of `cases` case streams, interleaved. */
  async function appendCases(caseIds: readonly string[], rounds: number): Promise<RecordedEvent[]> {
    const appended: RecordedEvent[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const caseId of caseIds) {
        const type = SCRIPTED_HISTORY.case[round % SCRIPTED_HISTORY.case.length];
        appended.push(
          ...(
            await suite.harness.append('musterstadt', caseId, [
              aDomainEvent(type, { ...freshIds(), case: caseId.slice(5) }),
            ])
          ).events,
        );
      }
    }
    return appended;
  }

  const caseTopic = () => relayTopics(suite.harness.topicPrefix).filter((t) => t.endsWith('.case.v1'));
  const distinctIds = (records: readonly ConsumedRecord[]) => new Set(records.map((r) => r.headers.ce_id));

  function expectStreamOrder(records: readonly ConsumedRecord[], appended: readonly RecordedEvent[]) {
    for (const [key, versions] of firstArrivalsPerKey(records)) {
      expect(versions).toEqual(appended.filter((e) => e.streamId === key).map((e) => e.version));
    }
  }

  itWithBrokerFaults(
    'pauses while the broker is unreachable and, after it returns, delivers everything in order per key',
    async (faults) => {
      const caseIds = Array.from({ length: 6 }, () => `case-${freshIds().case}`);
      const running = suite.harness.startRelay({}, undefined, 20);
      const before = await appendCases(caseIds, 10);
      await waitFor(async () => (await suite.harness.checkpointPosition()) >= before[before.length - 1].position);

      await faults.brokerDown();
      const during = await appendCases(caseIds, 10);
      await waitFor(() => running.relay.metrics.snapshot().consecutiveFailures >= 3, 20_000);
      // Nothing the broker did not acknowledge is checkpointed; the relay reports itself behind.
      expect(await suite.harness.checkpointPosition()).toBeLessThan(during[0].position);
      expect(running.relay.metrics.pendingSeconds()).toBeGreaterThan(0);
      expect(running.runner.status().lastError).toBeDefined();
      expect(running.logs.some((l) => l.msg.includes('publish failed'))).toBe(true);

      await faults.brokerUp();
      const after = await appendCases(caseIds, 5);
      const all = [...before, ...during, ...after];
      await waitFor(async () => (await suite.harness.checkpointPosition()) >= all[all.length - 1].position, 30_000);
      expect(running.relay.metrics.snapshot()).toMatchObject({ consecutiveFailures: 0, deadLettered: {} });
      expect(running.relay.metrics.snapshot().failures).toBeGreaterThanOrEqual(3);
      await running.stop();

      const records = await suite.harness.consume(caseTopic(), (r) => distinctIds(r).size >= all.length);
      expect([...distinctIds(records)].sort()).toEqual(all.map((e) => e.eventId).sort());
      expectStreamOrder(records, all);
    },
    () => suite.kafka.faults,
  );

  it('survives a relay killed after publishing and before its checkpoint: duplicates arrive, the de-duplicating consumer has one effect per event', async () => {
    const caseIds = Array.from({ length: 4 }, () => `case-${freshIds().case}`);
    const startPosition = await suite.harness.checkpointPosition();
    const events = await appendCases(caseIds, 15); // 60 events, batches of 20
    // First life: the third batch is published and acknowledged, then the process "dies" before the checkpoint commits.
    let batches = 0;
    let killed = false;
    const killAfterPublish = (relay: Processor): Processor => ({
      name: relay.name,
      handle: async (batch, tx) => {
        await relay.handle(batch, tx);
        if (++batches === 3 && !killed) {
          killed = true;
          throw new Error('killed after publishing, before the checkpoint');
        }
      },
    });
    const first = suite.harness.startRelay({}, killAfterPublish, 20);
    await waitFor(() => killed);
    await first.stop(); // the dead process's producer and runner are gone
    const checkpointAfterCrash = await suite.harness.checkpointPosition();
    expect(checkpointAfterCrash).toBeLessThan(events[events.length - 1].position);
    expect(checkpointAfterCrash).toBeGreaterThan(startPosition);

    // Second life: a new relay resumes from the checkpoint and publishes the unacknowledged batch again.
    const second = suite.harness.startRelay({}, undefined, 20);
    await waitFor(async () => (await suite.harness.checkpointPosition()) >= events[events.length - 1].position);
    await second.stop();

    const ours = new Set(events.map((e) => e.eventId));
    const records = (
      await suite.harness.consume(caseTopic(), (r) => [...ours].every((id) => distinctIds(r).has(id)))
    ).filter((r) => ours.has(r.headers.ce_id));
    expect(records.length).toBeGreaterThan(ours.size); // the batch of the crash arrived twice
    expectStreamOrder(records, events);

    // A downstream consumer: one effect per ce_id, however often the record arrives — also when the whole topic is read twice.
    await suite.harness.db.pool.query('CREATE TABLE warehouse_facts (event_id text, case_id text, version int)');
    const handle = createDedupingHandler(
      new PostgresDedupStore(suite.harness.db.pool, 'warehouse'),
      async (event, tx) => {
        await tx.query('INSERT INTO warehouse_facts VALUES ($1, $2, $3)', [
          event.id,
          event.subject,
          event.streamVersion,
        ]);
      },
    );
    const results = [];
    for (const record of [...records, ...records]) results.push(await handle(record));
    expect(results.filter(Boolean)).toHaveLength(ours.size);
    const { rows } = await suite.harness.db.pool.query<{ n: number; distinct_n: number }>(
      'SELECT count(*)::int n, count(DISTINCT event_id)::int distinct_n FROM warehouse_facts',
    );
    expect(rows[0]).toEqual({ n: ours.size, distinct_n: ours.size });
  });
});
