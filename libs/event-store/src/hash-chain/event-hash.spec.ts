import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { coveredFields, eventHash, HashedFields } from './event-hash';

const event: HashedFields = {
  tenant: 'musterstadt',
  streamId: 'case-7f3c',
  version: 3,
  eventId: '0b6b2c1e-2f0a-4a53-9f1e-6c1d2b3a4f50',
  type: 'InteractionRecorded',
  schemaVersion: 1,
  occurredAt: new Date('2025-03-30T00:30:00.000Z'),
  recordedAt: new Date('2025-03-30T00:30:01.250Z'),
  data: {
    caseId: '7f3c',
    channel: 'email',
    direction: 'administration_to_initiative',
    summary: 'Antwort zur Nutzung "Alte Post" – Schlüssel ✓',
    nested: { z: [1, 2.5, null, true], a: { ü: 'x', A: -0 } },
    skipped: undefined,
  },
  metadata: {
    actor: { subject: 'clerk-1', role: 'clerk' },
    correlationId: 'c-1',
    causationId: 'k-1',
    idempotencyKey: 'key-1',
  },
  prevHash: 'ab'.repeat(32),
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('eventHash', () => {
  it('is the hash every store already holds for this event (computed by the first implementation)', () => {
    expect(eventHash(event)).toBe('59e8a26dcd662b4d5591a6fee03f087baea7a7ff2bec9bf33ec4c0e4c95ab489');
  });

  it.each([
    ['a stream’s first event', { ...event, prevHash: null, version: 1 }],
    [
      'empty data and metadata without optional fields',
      {
        ...event,
        data: {},
        metadata: { actor: { subject: 's', role: 'clerk' }, correlationId: 'c', causationId: 'k' },
      },
    ],
    [
      'quotes and control characters in identifiers',
      { ...event, tenant: 'a"b\\c', streamId: 'case-\n\t', type: 'X\u0000Y' },
    ],
  ])('equals sha256 of the canonical JSON of the covered fields: %s', (_name, variant) => {
    expect(eventHash(variant as HashedFields)).toBe(sha256(canonicalJson(coveredFields(variant as HashedFields))));
  });

  it('changes with every covered field', () => {
    const changes: Partial<HashedFields>[] = [
      { tenant: 'other' },
      { streamId: 'case-other' },
      { version: 4 },
      { eventId: '1b6b2c1e-2f0a-4a53-9f1e-6c1d2b3a4f50' },
      { type: 'Other' },
      { schemaVersion: 2 },
      { occurredAt: new Date('2025-03-30T00:30:00.001Z') },
      { recordedAt: new Date('2025-03-30T00:30:01.251Z') },
      { data: { ...event.data, channel: 'phone' } },
      { metadata: { ...event.metadata, correlationId: 'c-2' } },
      { prevHash: null },
    ];
    for (const change of changes) expect(eventHash({ ...event, ...change })).not.toBe(eventHash(event));
  });
});
