import type { RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { sealEvents, verifyStream } from '../hash-chain';
import { anEvent } from '../testing';
import { toEventData, toGlobalEvent, toRecordedEvent, toStoredMetadata } from './event-mapping';
import { toStreamName } from './stream-name';

const recordedAt = new Date('2026-03-02T10:00:00.123Z');
const sealedPair = () =>
  sealEvents(
    'musterstadt',
    'case-1',
    { version: 0, lastHash: null },
    [
      anEvent({
        metadata: {
          actor: { subject: 'clerk-1', role: 'clerk' },
          correlationId: 'corr-1',
          causationId: 'cause-1',
          idempotencyKey: 'key-1',
        },
      }),
      anEvent(),
    ],
    recordedAt,
  );

/** What the client hands back after KurrentDB stored `data` (JSON on the wire, as the server does). */
function asStored(
  event: ReturnType<typeof toEventData>,
  revision: bigint,
  prepare: bigint,
): KurrentRecordedEvent & { position: { commit: bigint; prepare: bigint } } {
  return {
    streamId: toStreamName('musterstadt', 'case-1'),
    id: event.id,
    isJson: true,
    revision,
    type: event.type,
    created: new Date(),
    data: JSON.parse(JSON.stringify(event.data)),
    metadata: JSON.parse(JSON.stringify(event.metadata)),
    position: { commit: 1000n, prepare },
  } as KurrentRecordedEvent & { position: { commit: bigint; prepare: bigint } };
}

describe('KurrentDB event mapping', () => {
  it("writes correlation and causation under KurrentDB's own keys, everything else of ours under one key", () => {
    const [first] = sealedPair();
    expect(toStoredMetadata(first)).toEqual({
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
      koproduktiv: {
        tenant: 'musterstadt',
        schemaVersion: 1,
        occurredAt: first.occurredAt.toISOString(),
        recordedAt: '2026-03-02T10:00:00.123Z',
        prevHash: null,
        hash: first.hash,
        metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, idempotencyKey: 'key-1' },
      },
    });
    expect(toEventData(first)).toMatchObject({
      id: first.eventId,
      contentType: 'application/json',
      type: first.type,
      data: first.data,
    });
  });

  it('reads back exactly what was sealed, so the hash chain verifies', () => {
    const sealed = sealedPair();
    const read = sealed.map((event, index) =>
      toGlobalEvent(asStored(toEventData(event), BigInt(index), 300n + BigInt(index))),
    );
    expect(read.map(({ position, checkpoint, ...rest }) => rest)).toEqual(sealed);
    expect(read.map((e) => [e.version, e.position, e.checkpoint])).toEqual([
      [1, 300, 'kurrentdb:1000:300'],
      [2, 301, 'kurrentdb:1000:301'],
    ]);
    expect(read[0].metadata).toEqual({
      actor: { subject: 'clerk-1', role: 'clerk' },
      correlationId: 'corr-1',
      causationId: 'cause-1',
      idempotencyKey: 'key-1',
    });
    expect(verifyStream('case-1', read)).toBeUndefined();
  });

  it('refuses events it did not write rather than inventing hashes for them', () => {
    const [first] = sealedPair();
    const foreign = { ...asStored(toEventData(first), 0n, 1n), metadata: { $correlationId: 'x' } };
    expect(() => toRecordedEvent(foreign)).toThrow('was not written by Koproduktiv');
    expect(() => toRecordedEvent({ ...asStored(toEventData(first), 0n, 1n), position: undefined })).toThrow(
      'without a log position',
    );
  });
});
