import type { RecordedEvent } from '../port';
import { sealEvents } from './seal';
import { StreamChainVerifier, verifyStream } from './verify-stream';

const chain = (count: number): RecordedEvent[] =>
  sealEvents(
    'musterstadt',
    'case-1',
    { version: 0, lastHash: null },
    Array.from({ length: count }, (_, i) => ({
      eventId: `00000000-0000-4000-8000-00000000000${i}`,
      type: 'InteractionRecorded',
      schemaVersion: 1,
      data: { caseId: '1', n: i },
      occurredAt: new Date(`2026-01-0${i + 1}T10:00:00Z`),
      metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: 'c', causationId: 'k' },
    })),
    new Date('2026-01-10T00:00:00Z'),
  ).map((event, i) => ({ ...event, position: 100 + i }));

const at = (event: RecordedEvent) => ({
  streamId: 'case-1',
  version: event.version,
  eventId: event.eventId,
  position: event.position,
});

describe('verifyStream', () => {
  it('finds nothing wrong with an untouched chain', () => {
    expect(verifyStream('case-1', chain(3))).toBeUndefined();
  });

  it('names a missing event as a version gap at the event after it', () => {
    const [first, , third] = chain(3);
    expect(verifyStream('case-1', [first, third])).toEqual({
      ...at(third),
      reason: 'version_gap',
      detail: 'expected version 2, found 3',
    });
  });

  it('names a stream that does not start at version 1', () => {
    const [, second] = chain(2);
    expect(verifyStream('case-1', [second])).toMatchObject({
      reason: 'version_gap',
      detail: 'expected version 1, found 2',
    });
  });

  it('names an event whose link does not match the hash before it (its own hash recomputed to fit)', () => {
    const events = chain(3);
    const relinked = sealEvents(
      'musterstadt',
      'case-1',
      { version: 1, lastHash: 'ff'.repeat(32) },
      [events[1]],
      events[1].recordedAt,
    )[0];
    const tampered = [events[0], { ...relinked, position: events[1].position }, events[2]];
    expect(verifyStream('case-1', tampered)).toEqual({
      ...at(events[1]),
      reason: 'prev_hash_mismatch',
      detail: 'does not link to the hash of the event before it',
    });
  });

  it('names an event whose content no longer matches its hash', () => {
    const events = chain(2);
    const tampered = [events[0], { ...events[1], data: { caseId: '1', n: 99 } }];
    expect(verifyStream('case-1', tampered)).toEqual({
      ...at(events[1]),
      reason: 'hash_mismatch',
      detail: 'content or metadata differ from what was recorded',
    });
  });

  it('keeps the first break across chunks, and reports it from firstBreak', () => {
    const events = chain(4);
    const verifier = new StreamChainVerifier('case-1');
    expect(verifier.feed(events.slice(0, 2))).toBeUndefined();
    expect(verifier.firstBreak).toBeUndefined();
    const broken = { ...events[2], data: { tampered: true } };
    const later = { ...events[3], version: 9 };
    expect(verifier.feed([broken, later])).toMatchObject({ version: 3, reason: 'hash_mismatch' });
    expect(verifier.feed(events.slice(0, 1))).toMatchObject({ version: 3, reason: 'hash_mismatch' });
    expect(verifier.firstBreak).toMatchObject({ version: 3, reason: 'hash_mismatch' });
  });
});
