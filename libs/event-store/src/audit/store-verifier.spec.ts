import { InMemoryEventStore } from '../in-memory';
import type { RecordedEvent } from '../port';
import { eventHash } from '../hash-chain';
import { events } from '../testing';
import { StreamAuditor, verifyStore } from './store-verifier';
import type { AuditReader, StreamChunk, StreamHead } from './audit-reader';

const TENANT = 'musterstadt';

async function aStream(count = 5): Promise<RecordedEvent[]> {
  const store = new InMemoryEventStore();
  await store.append(TENANT, 'case-1', events(count), 'no_stream');
  return store.readStream(TENANT, 'case-1');
}

const headOf = (stream: readonly RecordedEvent[]): StreamHead => ({
  tenant: TENANT,
  streamId: 'case-1',
  category: 'case',
  version: stream.length,
  lastHash: stream.at(-1)?.hash ?? null,
});

/** Feeds in chunks of two, as the reader would page. */
function audit(stream: readonly RecordedEvent[], head: StreamHead | undefined) {
  const auditor = new StreamAuditor(TENANT, 'case-1', head);
  for (let i = 0; i < stream.length; i += 2) auditor.feed(stream.slice(i, i + 2));
  return auditor.finish();
}

describe('StreamAuditor', () => {
  it('accepts an intact stream fed in chunks', async () => {
    const stream = await aStream();
    expect(audit(stream, headOf(stream))).toBeUndefined();
  });

  it('names the changed event', async () => {
    const stream = await aStream();
    const changed = stream.map((e) => (e.version === 3 ? { ...e, data: { ...e.data, summary: 'anders' } } : e));
    expect(audit(changed, headOf(stream))).toMatchObject({
      version: 3,
      eventId: stream[2].eventId,
      reason: 'hash_mismatch',
    });
  });

  it('finds a deleted event by the gap, and a deleted last event by the stream head', async () => {
    const stream = await aStream();
    expect(
      audit(
        stream.filter((e) => e.version !== 2),
        headOf(stream),
      ),
    ).toMatchObject({ version: 3, reason: 'version_gap' });
    expect(audit(stream.slice(0, 4), headOf(stream))).toMatchObject({
      version: 5,
      eventId: null,
      reason: 'missing_tail',
    });
  });

  it('finds a well-forged event appended beyond the head, and a head that names another last hash', async () => {
    const stream = await aStream();
    const last = stream[4];
    const fields = { ...last, eventId: 'forged', version: 6, prevHash: last.hash, position: last.position + 1 };
    const forged = { ...fields, hash: eventHash(fields) };
    expect(audit([...stream, forged], headOf(stream))).toMatchObject({
      version: 6,
      eventId: 'forged',
      reason: 'unexpected_tail',
    });
    expect(audit(stream, { ...headOf(stream), lastHash: 'x' })).toMatchObject({
      version: 5,
      reason: 'tail_hash_mismatch',
    });
  });

  it('finds swapped events and positions out of version order', async () => {
    const stream = await aStream();
    const swapped = [stream[0], { ...stream[2], version: 2 }, { ...stream[1], version: 3 }, stream[3], stream[4]];
    expect(audit(swapped, headOf(stream))).toMatchObject({ version: 2, eventId: stream[2].eventId });
    const reordered = stream.map((e) => (e.version === 4 ? { ...e, position: 1 } : e));
    expect(audit(reordered, headOf(stream))).toMatchObject({ version: 4, reason: 'position_order' });
  });

  it('reports events of a stream the stream table does not know', async () => {
    const stream = await aStream();
    expect(audit(stream, undefined)).toMatchObject({ version: 1, reason: 'unknown_stream' });
  });
});

describe('verifyStore', () => {
  it('reports each damaged stream once, counts everything and reports progress', async () => {
    const good = await aStream(3);
    const bad = (await aStream(3)).map((e) => ({ ...e, streamId: 'case-2' }));
    const chunks: StreamChunk[] = [
      { tenant: TENANT, streamId: 'case-1', head: headOf(good), events: good.slice(0, 2), last: false },
      { tenant: TENANT, streamId: 'case-1', head: headOf(good), events: good.slice(2), last: true },
      { tenant: TENANT, streamId: 'case-2', head: { ...headOf(bad), streamId: 'case-2' }, events: bad, last: true },
    ];
    const emptied: StreamHead = { ...headOf(good), streamId: 'case-3' };
    const reader = {
      async *iterateStreamChunks() {
        yield* chunks;
      },
      async *iterateStreamsWithoutEvents() {
        yield emptied;
      },
    } as unknown as AuditReader;
    const progress: number[] = [];
    const report = await verifyStore(reader, { tenant: TENANT, onProgress: ({ events }) => progress.push(events) });
    expect(report).toMatchObject({
      ok: false,
      streamsChecked: 3,
      eventsChecked: 6,
      brokenStreams: 2,
      scope: { tenant: TENANT, streamId: null },
    });
    expect(report.findings.map((f) => [f.streamId, f.reason])).toEqual([
      ['case-2', 'hash_mismatch'],
      ['case-3', 'missing_events'],
    ]);
    expect(progress).toEqual([3, 6, 6]);
    expect((await verifyStore(reader, { maxFindings: 1 })).findingsTruncated).toBe(true);
  });
});
