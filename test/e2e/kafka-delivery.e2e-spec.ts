/**
 * The relay against a real Kafka-protocol broker (test/support/kafka.ts): a scripted history of
 * every aggregate arrives once per event, on the right topic, with the right key, CloudEvents
 * headers and whitelisted data, in stream order per key — and no initiative contact data.
 */
import type { RecordedEvent } from '@koproduktiv/event-store';
import { publishedData, relayTopics } from '@koproduktiv/messaging';
import { aDomainEvent, freshIds, PERSONAL_CONTACT, SCRIPTED_HISTORY } from '@koproduktiv/messaging/testing';
import { describeKafka } from '../support/kafka';
import { firstArrivalsPerKey, relayHarnessForSuite, waitFor } from '../support/kafka-relay-harness';

describeKafka('Kafka relay: delivery', () => {
  const suite = relayHarnessForSuite();

  it('publishes every event of a scripted history once, with topic, key, headers and data, in stream order per key', async () => {
    // Streams of every category in two municipalities, appended interleaved (one or two events at a time).
    const streams = (['musterstadt', 'beispieldorf'] as const).flatMap((tenant) =>
      (Object.keys(SCRIPTED_HISTORY) as (keyof typeof SCRIPTED_HISTORY)[]).flatMap((category) =>
        Array.from({ length: category === 'case' ? 2 : 1 }, () => {
          const ids = freshIds();
          return {
            tenant,
            category,
            streamId: `${category}-${ids[category]}`,
            events: SCRIPTED_HISTORY[category].map((type) => aDomainEvent(type, ids)),
          };
        }),
      ),
    );
    const appended: RecordedEvent[] = [];
    const running = suite.harness.startRelay();
    for (let round = 0; streams.some((s) => s.events.length); round += 1) {
      for (const stream of streams) {
        const next = stream.events.splice(0, 1 + (round % 2));
        if (next.length) appended.push(...(await suite.harness.append(stream.tenant, stream.streamId, next)).events);
      }
    }
    await waitFor(
      async () => (await suite.harness.checkpointPosition()) >= appended[appended.length - 1].position,
      30_000,
    );
    await running.stop();

    // The relay has stopped: consume reads on to the end of every topic's log, so a late duplicate would be among the records.
    const records = await suite.harness.consume(
      relayTopics(suite.harness.topicPrefix),
      (r) => r.length >= appended.length,
    );
    expect(records).toHaveLength(appended.length);
    const byId = new Map(records.map((record) => [record.headers.ce_id, record]));
    expect(byId.size).toBe(appended.length);

    for (const event of appended) {
      const record = byId.get(event.eventId);
      const category = event.streamId.slice(0, event.streamId.indexOf('-'));
      expect(record).toBeDefined();
      expect(record?.topic).toBe(`${suite.harness.topicPrefix}.${category}.v1`);
      expect(record?.key).toBe(event.streamId);
      expect(record?.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: event.eventId,
        ce_source: `/koproduktiv/tenants/${event.tenant}`,
        ce_type: `koproduktiv.${category}.${event.type}`,
        ce_subject: event.streamId,
        ce_time: event.occurredAt.toISOString(),
        'content-type': 'application/json; charset=utf-8',
        ce_tenant: event.tenant,
        ce_schemaversion: String(event.schemaVersion),
        ce_streamversion: String(event.version),
        ce_correlationid: event.metadata.correlationId,
        ce_causationid: event.metadata.causationId,
      });
      expect(JSON.parse(record!.value.toString('utf8'))).toEqual(publishedData(event.type, event.data));
    }

    // In stream order per key: each stream's versions arrive as 1, 2, 3 … on its partition.
    const perKey = firstArrivalsPerKey(records);
    const streamIds = new Set(appended.map((e) => e.streamId));
    expect(perKey.size).toBe(streamIds.size);
    for (const [key, versions] of perKey) {
      expect(versions).toEqual(appended.filter((e) => e.streamId === key).map((e) => e.version));
      expect(new Set(records.filter((r) => r.key === key).map((r) => r.partition)).size).toBe(1);
    }

    // No personal data left: the contact of InitiativeRegistered/InitiativeProfileUpdated is nowhere.
    const everything = records.map((r) => r.value.toString('utf8') + JSON.stringify(r.headers)).join('\n');
    for (const value of Object.values(PERSONAL_CONTACT)) expect(everything).not.toContain(value);
    expect(records.filter((r) => r.topic.endsWith('deadletter.v1'))).toEqual([]);
    expect(running.relay.metrics.snapshot()).toMatchObject({ failures: 0, deadLettered: {} });
  });
});
