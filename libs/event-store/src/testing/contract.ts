import { randomUUID } from 'node:crypto';
import { EventStore, GlobalEvent, WrongExpectedVersionError } from '../port';
import { verifyStream } from '../hash-chain';
import { aStreamId, anEvent, events } from './events';

export interface ContractContext {
  store: EventStore;
}

/**
 * The behaviour every EventStore adapter must have. Call inside a test file with a factory that
 * gives a store over an EMPTY backend for each test file (the suite reads the global order).
 */
export function eventStoreContract(
  name: string,
  setUp: () => Promise<EventStore>,
  tearDown: () => Promise<void> = async () => undefined,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const tenant = `tenant-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      store = await setUp();
    });
    afterAll(async () => {
      await store.close();
      await tearDown();
    });

    describe('expected version', () => {
      it('no_stream: creates a stream and refuses an existing one', async () => {
        const stream = aStreamId();
        const first = await store.append(tenant, stream, events(2), 'no_stream');
        expect(first.version).toBe(2);
        await expect(store.append(tenant, stream, events(1), 'no_stream')).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          streamId: stream,
          expected: 'no_stream',
          actual: 2,
        });
      });

      it('stream_exists: refuses a missing stream, appends to an existing one', async () => {
        const stream = aStreamId();
        await expect(store.append(tenant, stream, events(1), 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        expect(await store.readStream(tenant, stream)).toEqual([]);
        await store.append(tenant, stream, events(1), 'no_stream');
        const result = await store.append(tenant, stream, events(1), 'stream_exists');
        expect(result.version).toBe(2);
      });

      it('exact version: appends only at the stated version', async () => {
        const stream = aStreamId();
        await expect(store.append(tenant, stream, events(1), 1)).rejects.toMatchObject({ actual: 0, expected: 1 });
        expect((await store.append(tenant, stream, events(1), 0)).version).toBe(1);
        expect((await store.append(tenant, stream, events(2), 1)).version).toBe(3);
        await expect(store.append(tenant, stream, events(1), 2)).rejects.toMatchObject({ actual: 3, expected: 2 });
        expect(await store.streamVersion(tenant, stream)).toBe(3);
      });

      it('any: appends whatever the stream holds', async () => {
        const stream = aStreamId();
        expect((await store.append(tenant, stream, events(1), 'any')).version).toBe(1);
        expect((await store.append(tenant, stream, events(1), 'any')).version).toBe(2);
      });

      it('read then append (the command path): one and several events land at the version read, chained; a stale read is refused', async () => {
        const stream = aStreamId();
        await store.append(tenant, stream, events(1), 'no_stream');
        let read = await store.readStream(tenant, stream);
        const quoted = anEvent({ data: { summary: 'Übergabe "Alte Post"\\n', list: ['a"b', null] } });
        expect((await store.append(tenant, stream, [quoted], read.length)).version).toBe(2);
        read = await store.readStream(tenant, stream);
        expect((await store.append(tenant, stream, events(2), read.length)).version).toBe(4);
        const recorded = await store.readStream(tenant, stream);
        expect(recorded[1]).toMatchObject({
          eventId: quoted.eventId,
          data: quoted.data,
          metadata: quoted.metadata,
          occurredAt: quoted.occurredAt,
        });
        expect(verifyStream(stream, recorded)).toBeUndefined();
        const stale = await store.readStream(tenant, stream);
        await store.append(tenant, stream, events(1), 'any');
        await expect(store.append(tenant, stream, events(1), stale.length)).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          expected: 4,
          actual: 5,
        });
        expect(verifyStream(stream, await store.readStream(tenant, stream))).toBeUndefined();
      });

      it('a refused append writes nothing', async () => {
        const stream = aStreamId();
        await store.append(tenant, stream, events(1), 'no_stream');
        await expect(store.append(tenant, stream, events(3), 5)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream(tenant, stream)).map((e) => e.version)).toEqual([1]);
      });
    });

    describe('reading a stream', () => {
      it('returns what was appended with all metadata, forwards and backwards, from a version', async () => {
        const stream = aStreamId();
        const appended = events(5);
        const result = await store.append(tenant, stream, appended, 'no_stream');
        const forwards = await store.readStream(tenant, stream);
        expect(forwards.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
        expect(forwards[0]).toMatchObject({
          eventId: appended[0].eventId,
          type: appended[0].type,
          schemaVersion: 1,
          data: appended[0].data,
          metadata: appended[0].metadata,
          occurredAt: appended[0].occurredAt,
          tenant,
          streamId: stream,
          prevHash: null,
        });
        expect(forwards[0].recordedAt).toBeInstanceOf(Date);
        expect(forwards[1].prevHash).toBe(forwards[0].hash);
        expect(forwards.map((e) => e.position)).toEqual(result.events.map((e) => e.position));
        expect((await store.readStream(tenant, stream, { fromVersion: 3, maxCount: 2 })).map((e) => e.version)).toEqual(
          [3, 4],
        );
        expect((await store.readStream(tenant, stream, { direction: 'backwards' })).map((e) => e.version)).toEqual([
          5, 4, 3, 2, 1,
        ]);
        expect(
          (await store.readStream(tenant, stream, { direction: 'backwards', fromVersion: 4, maxCount: 2 })).map(
            (e) => e.version,
          ),
        ).toEqual([4, 3]);
      });

      it('keeps tenants apart: the same stream id in another tenant is another stream', async () => {
        const stream = aStreamId();
        await store.append(tenant, stream, events(2), 'no_stream');
        expect(await store.readStream('other-tenant', stream)).toEqual([]);
        expect(await store.streamVersion('other-tenant', stream)).toBe(0);
        expect((await store.append('other-tenant', stream, events(1), 'no_stream')).version).toBe(1);
        expect(await store.streamVersion(tenant, stream)).toBe(2);
      });

      it('chains hashes so that the stream verifies, and a change is detected', async () => {
        const stream = aStreamId();
        await store.append(tenant, stream, events(3), 'no_stream');
        await store.append(tenant, stream, events(2), 3);
        const recorded = await store.readStream(tenant, stream);
        expect(verifyStream(stream, recorded)).toBeUndefined();
        const altered = recorded.map((e) => (e.version === 4 ? { ...e, data: { ...e.data, n: -1 } } : e));
        expect(verifyStream(stream, altered)).toMatchObject({ version: 4, reason: 'hash_mismatch' });
      });
    });

    describe('concurrent writers', () => {
      it('50 appends expecting the same version: exactly one wins, the rest conflict, nothing else is written', async () => {
        const stream = aStreamId();
        await store.append(tenant, stream, events(1), 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, () => store.append(tenant, stream, events(1), 1)),
        );
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(49);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream(tenant, stream)).map((e) => e.version)).toEqual([1, 2]);
      });

      it('50 appends with any: every one lands, versions contiguous, each event once', async () => {
        const stream = aStreamId();
        const batches = Array.from({ length: 50 }, () => events(2));
        const results = await Promise.all(batches.map((batch) => store.append(tenant, stream, batch, 'any')));
        const recorded = await store.readStream(tenant, stream);
        expect(recorded.map((e) => e.version)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        expect(new Set(recorded.map((e) => e.eventId))).toEqual(new Set(batches.flat().map((e) => e.eventId)));
        expect(new Set(results.map((r) => r.version)).size).toBe(50);
        expect(verifyStream(stream, recorded)).toBeUndefined();
      });

      it('50 writers racing to create the same stream with no_stream: one creates it', async () => {
        const stream = aStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, () => store.append(tenant, stream, events(1), 'no_stream')),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.streamVersion(tenant, stream)).toBe(1);
      });
    });

    describe('reading all', () => {
      it('delivers every event once, in append order, resumable from any checkpoint', async () => {
        const seen = await drain(store);
        const streamA = aStreamId();
        const streamB = aStreamId('fund');
        await store.append(tenant, streamA, events(3), 'no_stream');
        await store.append(tenant, streamB, events(2), 'no_stream');
        await store.append(tenant, streamA, [anEvent({ type: 'CaseClosed' })], 3);
        const fresh = await drain(store, seen.checkpoint, 2);
        expect(fresh.events.map((e) => [e.streamId, e.version])).toEqual([
          [streamA, 1],
          [streamA, 2],
          [streamA, 3],
          [streamB, 1],
          [streamB, 2],
          [streamA, 4],
        ]);
        const positions = fresh.events.map((e) => e.position);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        const resumed = await drain(store, fresh.events[2].checkpoint);
        expect(resumed.events.map((e) => e.eventId)).toEqual(fresh.events.slice(3).map((e) => e.eventId));
        expect((await store.readAll({ after: fresh.checkpoint, maxCount: 10 })).events).toEqual([]);
      });
    });
  });
}

/** Reads the global order to its end in pages. */
export async function drain(
  store: EventStore,
  after?: string,
  pageSize = 500,
): Promise<{ events: GlobalEvent[]; checkpoint: string | undefined }> {
  const all: GlobalEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, maxCount: pageSize });
    all.push(...page.events);
    checkpoint = page.checkpoint;
    if (page.events.length < pageSize) return { events: all, checkpoint };
  }
}
