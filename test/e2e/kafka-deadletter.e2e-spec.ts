/**
 * Events that can never be published, against a real Kafka-protocol broker: an oversized event
 * lands in the dead-letter topic with its reason (an error log and a counter too), and the events
 * after it — in the same stream and others — still flow. A batch the broker itself refuses as too
 * large is resent message by message, so a refusal that does not concern a message loses nothing.
 */
import type { RecordedEvent } from '@koproduktiv/event-store';
import { deadLetterTopic, relayTopics } from '@koproduktiv/messaging';
import { aDomainEvent, freshIds, sampleEventData } from '@koproduktiv/messaging/testing';
import { describeKafka, itWithBrokerFaults } from '../support/kafka';
import { firstArrivalsPerKey, relayHarnessForSuite, waitFor } from '../support/kafka-relay-harness';

describeKafka('Kafka relay: dead letters', () => {
  const suite = relayHarnessForSuite();

  it('sends an oversized event to the dead-letter topic with the reason, logs and counts it, and the events after it still flow', async () => {
    const ids = freshIds();
    const caseId = `case-${ids.case}`;
    const other = `case-${freshIds().case}`;
    const appended: RecordedEvent[] = [];
    const append = async (streamId: string, type: Parameters<typeof aDomainEvent>[0], data?: Record<string, unknown>) =>
      appended.push(
        ...(await suite.harness.append('musterstadt', streamId, [aDomainEvent(type, ids, data ? { data } : {})]))
          .events,
      );

    const running = suite.harness.startRelay({ KAFKA_MAX_MESSAGE_BYTES: '4096' });
    await append(caseId, 'RequestSubmitted');
    await append(other, 'RequestSubmitted');
    // A published field (free text is withheld from Kafka, so it cannot make a message large): ~10 KB > 4 KB.
    const huge = { ...sampleEventData(ids).SupportAgreed, kind: 'Werkstatt '.repeat(1000) };
    await append(caseId, 'SupportAgreed', huge);
    const oversized = appended[appended.length - 1];
    for (let i = 0; i < 5; i += 1) {
      await append(caseId, 'InteractionRecorded');
      await append(other, 'InteractionRecorded');
    }
    await waitFor(async () => (await suite.harness.checkpointPosition()) >= appended[appended.length - 1].position);
    await running.stop();

    const expectedRegular = appended.filter((e) => e !== oversized);
    const records = await suite.harness.consume(
      relayTopics(suite.harness.topicPrefix),
      (r) => r.length >= appended.length,
    );
    const letters = records.filter((r) => r.topic === deadLetterTopic(suite.harness.topicPrefix));
    const regular = records.filter((r) => r.topic !== deadLetterTopic(suite.harness.topicPrefix));

    expect(letters).toHaveLength(1);
    expect(letters[0].key).toBe(caseId);
    expect(letters[0].headers).toMatchObject({
      ce_id: oversized.eventId,
      ce_type: 'koproduktiv.case.SupportAgreed',
      ce_streamversion: '2',
      kp_deadletter_reason: 'MESSAGE_TOO_LARGE',
      kp_deadletter_topic: `${suite.harness.topicPrefix}.case.v1`,
    });
    expect(letters[0].headers.kp_deadletter_error).toContain('KAFKA_MAX_MESSAGE_BYTES=4096');
    expect(letters[0].value.toString()).not.toContain('Werkstatt');
    expect(JSON.parse(letters[0].value.toString())).toMatchObject({
      reason: 'MESSAGE_TOO_LARGE',
      eventId: oversized.eventId,
      position: oversized.position,
    });

    // Everything else arrived once, in order; the oversized event's stream just has a gap at version 2.
    expect(regular.map((r) => r.headers.ce_id).sort()).toEqual(expectedRegular.map((e) => e.eventId).sort());
    const perKey = firstArrivalsPerKey(regular);
    expect(perKey.get(caseId)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(perKey.get(other)).toEqual([1, 2, 3, 4, 5, 6]);

    expect(running.relay.metrics.snapshot().deadLettered).toEqual({ MESSAGE_TOO_LARGE: 1 });
    const errors = running.logs.filter((l) => l.level === 50 && l.msg.includes('dead-letter'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ eventId: oversized.eventId, reason: 'MESSAGE_TOO_LARGE', streamId: caseId });
  });

  itWithBrokerFaults(
    'resends a batch the broker refuses as MESSAGE_TOO_LARGE message by message, dead-lettering only what is refused again',
    async (faults) => {
      const caseId = `case-${freshIds().case}`;
      const before = await suite.harness.checkpointPosition();
      const events = (
        await suite.harness.append(
          'musterstadt',
          caseId,
          Array.from({ length: 6 }, () => aDomainEvent('InteractionRecorded', freshIds())),
        )
      ).events;
      await faults.failRequests(0, 1, 10); // the next Produce request fails with MESSAGE_TOO_LARGE (code 10)
      const running = suite.harness.startRelay();
      await waitFor(async () => (await suite.harness.checkpointPosition()) >= events[events.length - 1].position);
      await running.stop();
      expect(before).toBeLessThan(events[0].position);

      const ours = new Set(events.map((e) => e.eventId));
      const records = (
        await suite.harness.consume(
          relayTopics(suite.harness.topicPrefix),
          (r) => r.filter((x) => ours.has(x.headers.ce_id)).length >= 6,
        )
      ).filter((r) => ours.has(r.headers.ce_id));
      expect(records.filter((r) => r.topic.endsWith('deadletter.v1'))).toEqual([]);
      expect(firstArrivalsPerKey(records).get(caseId)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(running.relay.metrics.snapshot()).toMatchObject({ failures: 0, deadLettered: {} });
    },
    () => suite.kafka.faults,
  );
});
