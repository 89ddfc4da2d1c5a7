import { randomUUID } from 'node:crypto';
import type { KurrentDBClient, ReadAllOptions } from '@kurrent/kurrentdb-client';
import { verifyStore } from '../audit/store-verifier';
import { aStreamId, drain, events } from '../testing';
import { ForeignEvent, KurrentDbEventStore } from './kurrentdb-event-store';
import { toStreamName } from './stream-name';
import { FakeKurrentDbClient } from './testing/fake-kurrentdb-client';

/** A server whose `$all` filter lets everything through, as a regex that matches too much would: system streams and metastreams arrive too. */
class LeakyFilterClient extends FakeKurrentDbClient {
  override readAll(options: ReadAllOptions = {}) {
    return super.readAll({ ...options, filter: undefined });
  }
}

const clients = [
  ['its stream-name filter', () => new FakeKurrentDbClient()],
  ['a filter that lets everything through', () => new LeakyFilterClient()],
] as const;

const TENANT = 'musterstadt';

function storeOver(fake: FakeKurrentDbClient) {
  const foreign: ForeignEvent[] = [];
  const store = new KurrentDbEventStore(fake as unknown as KurrentDBClient, {
    categories: ['case', 'fund'],
    onForeignEvent: (event) => foreign.push(event),
  });
  return { store, foreign };
}

/** Appends an event to one of our streams as another program would: its own JSON metadata, none of ours. */
const appendForeign = (
  fake: FakeKurrentDbClient,
  streamId: string,
  metadata: Record<string, unknown> = { origin: 'someone else' },
) =>
  fake.appendToStream(toStreamName(TENANT, streamId), {
    id: randomUUID(),
    type: 'CaseClosed',
    contentType: 'application/json',
    data: { by: 'script' },
    metadata,
  });

describe.each(clients)('KurrentDB adapter: what is not a Koproduktiv event (fake client, %s)', (_, client) => {
  it('readAll skips a tombstone, stream metadata and a foreign event, moves its checkpoint past them and continues with the next event', async () => {
    const fake = client();
    const { store, foreign } = storeOver(fake);
    const [deleted, truncated, invaded] = [aStreamId(), aStreamId(), aStreamId()];
    const first = await store.append(TENANT, deleted, events(1), 'no_stream');
    await store.append(TENANT, truncated, events(2), 'no_stream');
    await store.append(TENANT, invaded, events(1), 'no_stream');
    const before = (await drain(store)).checkpoint;

    await fake.tombstoneStream(toStreamName(TENANT, deleted)); // `$streamDeleted` in our stream
    await fake.setStreamMetadata(toStreamName(TENANT, truncated), { truncateBefore: 1 }); // `$metadata` in `$$case-…`
    await appendForeign(fake, invaded);
    await appendForeign(fake, invaded, { koproduktiv: { hash: 42 } }); // ours in name only
    fake.writeForeign('$stats-127.0.0.1:2113', '$statsCollected'); // KurrentDB's own stream
    fake.writeForeign('case-123', 'SomeoneElsesCase'); // another application's stream: not ours, not reported

    const skippedOnly = await store.readAll({ after: before, maxCount: 10 });
    expect(skippedOnly.events).toEqual([]);
    expect(skippedOnly.checkpoint).not.toBe(before);
    expect(await store.readAll({ after: before, maxCount: 1 })).toEqual(skippedOnly); // more skipped records than maxCount
    expect(await store.readAll({ after: skippedOnly.checkpoint, maxCount: 10 })).toEqual(skippedOnly);

    const next = await store.append(TENANT, invaded, events(1), 1);
    const resumed = await store.readAll({ after: skippedOnly.checkpoint, maxCount: 10 });
    expect(resumed.events.map((e) => e.eventId)).toEqual(next.events.map((e) => e.eventId));
    expect(resumed.checkpoint).toBe(resumed.events[0].checkpoint);

    // From the start, in pages of one: the skipped records cost no page of their own.
    const all = await drain(store, undefined, 1);
    expect(all.events.map((e) => e.streamId)).toEqual([deleted, truncated, truncated, invaded, invaded]);
    expect(all.events[0].eventId).toBe(first.events[0].eventId);
    expect(all.checkpoint).toBe(resumed.checkpoint);

    expect(foreign).toEqual([
      expect.objectContaining({
        streamName: toStreamName(TENANT, invaded),
        tenant: TENANT,
        streamId: invaded,
        version: 2,
        type: 'CaseClosed',
        position: expect.any(Number),
      }),
      expect.objectContaining({ streamId: invaded, version: 3 }),
    ]); // each reported once, however often it is read
  });

  it('a page of skipped records longer than maxCount: readAll reads on to the next event of ours', async () => {
    const fake = client();
    const { store } = storeOver(fake);
    const stream = aStreamId();
    await store.append(TENANT, stream, events(1), 'no_stream');
    const start = (await store.readAll({ maxCount: 1 })).checkpoint;
    for (let i = 0; i < 5; i += 1) await appendForeign(fake, stream);
    await fake.setStreamMetadata(toStreamName(TENANT, stream), { maxAge: 86_400 });
    const next = await store.append(TENANT, stream, events(1), 1);
    const page = await store.readAll({ after: start, maxCount: 2 });
    expect(page.events.map((e) => e.eventId)).toEqual(next.events.map((e) => e.eventId));
    expect(page.checkpoint).toBe(page.events[0].checkpoint);
  });
});

describe('KurrentDB adapter: a foreign event in a stream the command path reads', () => {
  it('is left out of the stream, which keeps the version of its last event of ours; appends land after it and the audit reports it', async () => {
    const fake = new FakeKurrentDbClient();
    const { store, foreign } = storeOver(fake);
    const stream = aStreamId();
    const ours = await store.append(TENANT, stream, events(2), 'no_stream');
    await appendForeign(fake, stream); // version 3

    expect((await store.readStream(TENANT, stream)).map((e) => e.version)).toEqual([1, 2]);
    expect(await store.streamVersion(TENANT, stream)).toBe(2);
    expect(
      (await store.readStream(TENANT, stream, { direction: 'backwards', maxCount: 1 })).map((e) => e.version),
    ).toEqual([2]);

    // A command decides on versions 1-2 and appends at 2: the events land at 4-5, chained onto version 2.
    await expect(store.append(TENANT, stream, events(1), 3)).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 2,
    });
    const appended = await store.append(TENANT, stream, events(2), 2);
    expect(appended.events.map((e) => e.version)).toEqual([4, 5]);
    expect(appended.events[0].prevHash).toBe(ours.events[1].hash);
    expect((await store.readStream(TENANT, stream)).map((e) => e.version)).toEqual([1, 2, 4, 5]);
    expect((await store.readStream(TENANT, stream, { fromVersion: 2, maxCount: 2 })).map((e) => e.version)).toEqual([
      2, 4,
    ]);
    expect(
      (await store.readStream(TENANT, stream, { fromVersion: 3, direction: 'backwards', maxCount: 2 })).map(
        (e) => e.version,
      ),
    ).toEqual([2, 1]);
    expect(await store.streamVersion(TENANT, stream)).toBe(5);
    expect(foreign).toEqual([expect.objectContaining({ streamId: stream, version: 3 })]);

    const report = await verifyStore(store.auditReader(), { tenant: TENANT });
    expect(report).toMatchObject({
      ok: false,
      brokenStreams: 1,
      findings: [expect.objectContaining({ streamId: stream, version: 3 })],
    });
  });

  it('a stream that holds only foreign events reads as empty and takes a first event of ours after them', async () => {
    const fake = new FakeKurrentDbClient();
    const { store } = storeOver(fake);
    const stream = aStreamId();
    await appendForeign(fake, stream);
    await appendForeign(fake, stream);
    expect(await store.readStream(TENANT, stream)).toEqual([]);
    expect(await store.streamVersion(TENANT, stream)).toBe(0);
    const appended = await store.append(TENANT, stream, events(1), 'no_stream');
    expect(appended.events[0]).toMatchObject({ version: 3, prevHash: null });
    await expect(store.append(TENANT, stream, events(1), 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 3,
    });
  });
});
