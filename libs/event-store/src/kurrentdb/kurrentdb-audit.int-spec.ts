import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeBackend } from '@koproduktiv/test-support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '@koproduktiv/test-support/kurrentdb';
import { verifyStore } from '../audit/store-verifier';
import { auditReaderFor } from '../audit/audit-reader-for';
import { AuditFixture, auditReaderContract, collect, events } from '../testing';
import { toEventData } from './event-mapping';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { toStreamName } from './stream-name';
import { FakeKurrentDbClient } from './testing/fake-kurrentdb-client';

const PAGE = 3;
const CATEGORIES = ['case', 'fund', 'unit'];

/** The client calls these tests make, which the real client and the fake both have. */
type Client = Pick<KurrentDBClient, 'appendToStream' | 'setStreamMetadata' | 'deleteStream' | 'tombstoneStream'>;

/**
 * On any KurrentDB: appends behind the adapter's back an event that claims to continue the chain
 * but whose hash covers nothing (the only way to add to a stream without the adapter; events
 * cannot be changed through the API).
 */
async function appendForged(client: Client, store: KurrentDbEventStore, tenant: string, streamId: string) {
  const [last] = await store.readStream(tenant, streamId, { direction: 'backwards', maxCount: 1 });
  const forged = {
    ...last,
    eventId: randomUUID(),
    version: last.version + 1,
    prevHash: last.hash,
    data: { summary: 'untergeschoben' },
    hash: 'f'.repeat(64),
  };
  await client.appendToStream(toStreamName(tenant, streamId), toEventData(forged), {
    streamState: BigInt(last.version - 1),
  });
  return { version: forged.version, reason: 'hash_mismatch' as const };
}

function overFake(): { fake: FakeKurrentDbClient; store: KurrentDbEventStore } {
  const fake = new FakeKurrentDbClient();
  return { fake, store: new KurrentDbEventStore(fake as unknown as KurrentDBClient, { categories: CATEGORIES }) };
}

/** What KurrentDB lets an operator do to our streams, and what verification must say about it. */
function removalSuite(
  name: string,
  setUp: () => Promise<{ client: Client; store: KurrentDbEventStore; scavenge?: () => void; close(): Promise<void> }>,
  canScavenge = false,
) {
  describe(`KurrentDB audit: removals and foreign events (${name})`, () => {
    let client: Client;
    let store: KurrentDbEventStore;
    let scavenge: (() => void) | undefined;
    let close: () => Promise<void>;
    const tenant = `removals-${randomUUID().slice(0, 8)}`;
    const stream = async (count = 3) => {
      const streamId = `case-${randomUUID()}`;
      await store.append(tenant, streamId, events(count), 'no_stream');
      return streamId;
    };
    const finding = async (streamId: string) => {
      const report = await verifyStore(auditReaderFor(store), { tenant, streamId });
      return report.findings[0];
    };

    beforeAll(async () => {
      ({ client, store, scavenge, close } = await setUp());
    }, 180_000);
    afterAll(() => close());

    it('reports a soft-deleted stream, with the version $all still shows', async () => {
      const streamId = await stream();
      await client.deleteStream(toStreamName(tenant, streamId));
      expect(await finding(streamId)).toMatchObject({
        streamId,
        reason: 'missing_events',
        detail: expect.stringMatching(/soft-deleted.*up to version 3/),
      });
      expect(await auditReaderFor(store).streamHead(tenant, streamId)).toMatchObject({
        version: 3,
        lastHash: null,
        removal: expect.stringContaining('soft-deleted'),
      });
    });

    it('reports a hard-deleted (tombstoned) stream', async () => {
      const streamId = await stream();
      await client.tombstoneStream(toStreamName(tenant, streamId));
      expect(await finding(streamId)).toMatchObject({
        streamId,
        reason: 'missing_events',
        detail: expect.stringMatching(/hard-deleted.*up to version 3/),
      });
    });

    it('reports a truncated start as a gap before the first event left, and a stream truncated whole as removed', async () => {
      const partly = await stream(4);
      await client.setStreamMetadata(toStreamName(tenant, partly), { truncateBefore: 2 });
      expect(await finding(partly)).toMatchObject({
        streamId: partly,
        version: 3,
        reason: 'version_gap',
        detail: 'expected version 1, found 3',
      });
      const whole = await stream(2);
      await client.setStreamMetadata(toStreamName(tenant, whole), { truncateBefore: 2 });
      expect(await finding(whole)).toMatchObject({
        streamId: whole,
        reason: 'missing_events',
        detail: expect.stringContaining('$tb 2'),
      });
    });

    it("reports an event appended behind the adapter's back, and one without our metadata, without failing the audit", async () => {
      const forged = await stream();
      expect(await appendForged(client, store, tenant, forged)).toEqual({ version: 4, reason: 'hash_mismatch' });
      expect(await finding(forged)).toMatchObject({ streamId: forged, version: 4, reason: 'hash_mismatch' });
      const foreign = await stream(2);
      await client.appendToStream(toStreamName(tenant, foreign), {
        id: randomUUID(),
        type: 'Foreign',
        contentType: 'application/json',
        data: { x: 1 },
        metadata: {},
      } as never);
      expect(await finding(foreign)).toMatchObject({ streamId: foreign, version: 3, reason: 'prev_hash_mismatch' });
      const exported = await collect(auditReaderFor(store).iterateEvents({ tenant, streamId: foreign }));
      expect(exported.map((e) => [e.version, e.type, e.hash])).toEqual([
        [1, expect.any(String), expect.any(String)],
        [2, expect.any(String), expect.any(String)],
        [3, 'Foreign', ''],
      ]);
    });

    it('checks every stream of the tenant in one pass: each damaged stream once', async () => {
      const report = await verifyStore(auditReaderFor(store), { tenant });
      expect(report.brokenStreams).toBe(report.streamsChecked);
      expect(report.findings.map((f) => f.reason).sort()).toEqual([
        'hash_mismatch',
        'missing_events',
        'missing_events',
        'missing_events',
        'prev_hash_mismatch',
        'version_gap',
      ]);
      const intact = await stream();
      expect(await finding(intact)).toBeUndefined();
    });

    (canScavenge ? it : it.skip)(
      'still reports removed streams once a scavenge removed their events for good (fake only)',
      async () => {
        const streamId = await stream();
        await client.deleteStream(toStreamName(tenant, streamId));
        scavenge?.();
        expect(await finding(streamId)).toMatchObject({
          reason: 'missing_events',
          version: 1,
          detail: expect.stringMatching(/soft-deleted.*none of its events is left/),
        });
      },
    );
  });
}

// Everywhere: the reader's logic over the in-process fake (KurrentDB's documented semantics, no server).
auditReaderContract('KurrentDB adapter over a fake client (no server)', async () => {
  const { fake, store } = overFake();
  return {
    store,
    reader: store.auditReader(PAGE),
    tamper: async (tenant, streamId) => {
      fake.rewrite(toStreamName(tenant, streamId), 1n, (record) => {
        record.data = { ...(record.data as object), summary: 'geändert' };
      });
      return { version: 2, reason: 'hash_mismatch' };
    },
    close: () => store.close(),
  };
});
removalSuite(
  'fake client, no server',
  async () => {
    const { fake, store } = overFake();
    return { client: fake as unknown as Client, store, scavenge: () => fake.scavenge(), close: () => store.close() };
  },
  true,
);

// Against a real KurrentDB wherever test/support/kurrentdb.ts finds one; else a loud skip.
const source = kurrentDbSource();
if (source) {
  describeBackend('KurrentDB (audit reader)', source.where);
  jest.setTimeout(180_000);
  let server: KurrentDbServer | undefined;
  const start = async () => {
    server ??= await source.start();
    const client = KurrentDBClient.connectionString(server.url);
    return { client, store: new KurrentDbEventStore(client, { categories: CATEGORIES }) };
  };
  auditReaderContract('KurrentDB', async (): Promise<AuditFixture> => {
    const { client, store } = await start();
    return {
      store,
      reader: store.auditReader(PAGE),
      tamper: (t, s) => appendForged(client, store, t, s),
      close: () => store.close(),
    };
  });
  removalSuite('KurrentDB', async () => {
    const { client, store } = await start();
    return {
      client,
      store,
      close: async () => {
        await store.close();
        await server?.stop();
      },
    };
  });
} else {
  describeBackend('KurrentDB (audit reader)', KURRENTDB_SKIPPED);
  describe('AuditReader contract: KurrentDB', () => {
    it.skip(`KurrentDB ${KURRENTDB_SKIPPED}`, () => undefined);
  });
}
