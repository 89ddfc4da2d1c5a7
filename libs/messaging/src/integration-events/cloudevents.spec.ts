import { publishedData } from './published-fields';
import type { GlobalEvent } from '@koproduktiv/event-store';
import { parseIntegrationEvent } from '../consumer/integration-event';
import { toDeadLetter } from '../relay/dead-letter';
import { freshIds, sampleEventData } from '../testing/sample-events';
import { CE, toIntegrationMessage } from './cloudevents';
import { deadLetterTopic, relayTopics } from './topics';

const ids = freshIds();
const recorded = (type: string, data: Record<string, unknown>, streamId = `case-${ids.case}`): GlobalEvent => ({
  eventId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a99',
  type,
  schemaVersion: 1,
  data,
  occurredAt: new Date('2026-03-02T08:30:00.000Z'),
  metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: 'corr-1', causationId: 'cause-1' },
  tenant: 'musterstadt',
  streamId,
  version: 7,
  position: 1234,
  recordedAt: new Date('2026-03-02T08:31:00.000Z'),
  prevHash: null,
  hash: 'h',
  checkpoint: 'c',
});

describe('CloudEvents binary mapping', () => {
  const event = recorded('RequestSubmitted', sampleEventData(ids).RequestSubmitted);

  it('puts attributes in ce_ headers, the whitelisted data as JSON value, the stream id as key, the category in the topic', () => {
    const mapped = toIntegrationMessage(event, 'kp');
    if (!mapped.ok) throw new Error(mapped.error);
    const { topic, key, headers, value } = mapped.message;
    expect(topic).toBe('kp.case.v1');
    expect(key).toBe(`case-${ids.case}`);
    expect(headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_source: '/koproduktiv/tenants/musterstadt',
      ce_type: 'koproduktiv.case.RequestSubmitted',
      ce_subject: `case-${ids.case}`,
      ce_time: '2026-03-02T08:30:00.000Z',
      'content-type': 'application/json; charset=utf-8',
      ce_tenant: 'musterstadt',
      ce_schemaversion: '1',
      ce_streamversion: '7',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
    });
    expect(JSON.parse(value.toString('utf8'))).toEqual(
      publishedData('RequestSubmitted', sampleEventData(ids).RequestSubmitted),
    );
  });

  it('has header values that are plain strings of valid CloudEvents extension names', () => {
    const mapped = toIntegrationMessage(event, 'kp');
    if (!mapped.ok) throw new Error(mapped.error);
    for (const [name, value] of Object.entries(mapped.message.headers)) {
      expect(typeof value).toBe('string');
      if (name.startsWith('ce_')) expect(name.slice(3)).toMatch(/^[a-z0-9]{1,20}$/);
    }
  });

  it('reads back as the consumer sees it (headers arrive as Buffers)', () => {
    const mapped = toIntegrationMessage(event, 'kp');
    if (!mapped.ok) throw new Error(mapped.error);
    const headers = Object.fromEntries(Object.entries(mapped.message.headers).map(([k, v]) => [k, Buffer.from(v)]));
    const parsed = parseIntegrationEvent({
      key: Buffer.from(mapped.message.key),
      value: mapped.message.value,
      headers,
    });
    expect(parsed).toMatchObject({
      id: event.eventId,
      type: 'koproduktiv.case.RequestSubmitted',
      eventType: 'RequestSubmitted',
      subject: event.streamId,
      tenant: 'musterstadt',
      schemaVersion: 1,
      streamVersion: 7,
      time: '2026-03-02T08:30:00.000Z',
    });
    expect(parsed.data).toEqual(publishedData('RequestSubmitted', sampleEventData(ids).RequestSubmitted));
  });

  it('refuses an event type without an integration schema instead of passing its data through', () => {
    expect(toIntegrationMessage(recorded('SomethingInternal', { secret: 'x' }), 'kp')).toEqual({
      ok: false,
      reason: 'NO_INTEGRATION_SCHEMA',
      error: 'event type SomethingInternal has no integration schema',
    });
  });

  it('makes dead letters with the reason and the envelope, never the data', () => {
    const initiative = recorded(
      'InitiativeRegistered',
      sampleEventData(ids).InitiativeRegistered,
      `initiative-${ids.initiative}`,
    );
    const letter = toDeadLetter(initiative, 'kp', 'MESSAGE_TOO_LARGE', 'too big');
    expect(letter.topic).toBe(deadLetterTopic('kp'));
    expect(letter.key).toBe(initiative.streamId);
    expect(letter.headers).toMatchObject({
      [CE.id]: initiative.eventId,
      [CE.type]: 'koproduktiv.initiative.InitiativeRegistered',
      kp_deadletter_reason: 'MESSAGE_TOO_LARGE',
      kp_deadletter_topic: 'kp.initiative.v1',
    });
    expect(letter.value.toString()).not.toContain('Erika');
    expect(JSON.parse(letter.value.toString())).toMatchObject({
      reason: 'MESSAGE_TOO_LARGE',
      eventId: initiative.eventId,
      streamVersion: 7,
    });
  });

  it('names one topic per aggregate category plus the dead letters', () => {
    expect(relayTopics('koproduktiv')).toEqual([
      'koproduktiv.initiative.v1',
      'koproduktiv.unit.v1',
      'koproduktiv.fund.v1',
      'koproduktiv.case.v1',
      'koproduktiv.deadletter.v1',
    ]);
  });
});
