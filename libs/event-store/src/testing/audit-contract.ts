import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, EventToAppend, ExpectedVersion, RecordedEvent } from '../port';
import { serializeEvent } from '../port';
import type { AuditReader } from '../audit/audit-reader';
import { AuditBreakReason, verifyStore } from '../audit/store-verifier';
import { anEvent, events } from './events';

export interface AuditFixture {
  readonly store: EventStore;
  /** The store's audit reader, ideally with a small page size so that paging is exercised. */
  readonly reader: AuditReader;
  /** Damages one recorded event of the stream behind the store's back; says what verification must name. */
  tamper(tenant: string, streamId: string): Promise<{ version: number; reason: AuditBreakReason }>;
  close(): Promise<void>;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.eventId);
const versions = (events: readonly RecordedEvent[]) => events.map((e) => e.version);

/**
 * The behaviour every AuditReader must have, whatever the store. Call inside a test file; the
 * backend may hold other data (every question here is asked inside tenants of this run).
 */
export function auditReaderContract(name: string, setUp: () => Promise<AuditFixture>): void {
  describe(`AuditReader contract: ${name}`, () => {
    const run = randomUUID().slice(0, 8);
    const tenant = `audit-${run}`;
    const other = `audit-${run}-b`;
    const caseId = randomUUID();
    const caseStream = `case-${caseId}`;
    const fundStream = `fund-${randomUUID()}`;
    const unitStream = `unit-${randomUUID()}`;
    let fixture: AuditFixture;
    let reader: AuditReader;
    let first: readonly RecordedEvent[]; // case versions 1-3, one append
    let second: readonly RecordedEvent[]; // case versions 4-5, a later append
    let award: RecordedEvent;
    let disbursed: RecordedEvent;
    let appended: RecordedEvent[] = [];

    // Appends apart in time, so that record times tell the appends apart.
    const append = async (t: string, streamId: string, batch: EventToAppend[], expected: ExpectedVersion) => {
      const result = await fixture.store.append(t, streamId, batch, expected);
      await sleep(5);
      if (t === tenant) appended = [...appended, ...result.events];
      return result.events;
    };
    const fundEvent = (type: string, data: Record<string, unknown>) => anEvent({ type, data });

    beforeAll(async () => {
      fixture = await setUp();
      reader = fixture.reader;
      first = await append(tenant, caseStream, events(3), 'no_stream');
      const fund = await append(
        tenant,
        fundStream,
        [
          fundEvent('FundOpened', { fundId: fundStream.slice(5), budget: 10000 }),
          fundEvent('GrantAwarded', { caseId, amount: 500 }),
          fundEvent('GrantAwarded', { caseId: randomUUID(), amount: 700 }),
        ],
        'no_stream',
      );
      award = fund[1];
      second = await append(tenant, caseStream, events(2), 3);
      [disbursed] = await append(tenant, fundStream, [fundEvent('GrantDisbursed', { caseId, amount: 500 })], 3);
      await append(tenant, unitStream, events(2), 'no_stream');
      await append(other, caseStream, events(2), 'no_stream');
    }, 120_000);
    afterAll(async () => {
      await fixture?.close();
    });

    it("gives a stream's head (version, last hash) per tenant, and none for a stream the tenant does not have", async () => {
      expect(await reader.streamHead(tenant, caseStream)).toEqual(
        expect.objectContaining({
          tenant,
          streamId: caseStream,
          category: 'case',
          version: 5,
          lastHash: second[1].hash,
        }),
      );
      expect(await reader.streamHead(other, caseStream)).toEqual(
        expect.objectContaining({ tenant: other, version: 2 }),
      );
      expect(await reader.streamHead(tenant, `case-${randomUUID()}`)).toBeUndefined();
      expect(await reader.streamHead(`${tenant}-nobody`, caseStream)).toBeUndefined();
    });

    it('reads a stream page by page in version order, every field as recorded', async () => {
      const stored = await fixture.store.readStream(tenant, caseStream);
      expect((await reader.readStreamPage(tenant, caseStream, 2, 2)).map(serializeEvent)).toEqual(
        stored.slice(1, 3).map(serializeEvent),
      );
      expect(versions(await reader.readStreamPage(tenant, caseStream, 4, 10))).toEqual([4, 5]);
      expect(await reader.readStreamPage(tenant, caseStream, 6, 10)).toEqual([]);
    });

    it('replays a stream as of a record time and as of a position', async () => {
      const asOf = (at: Parameters<AuditReader['iterateStreamAsOf']>[2]) =>
        collect(reader.iterateStreamAsOf(tenant, caseStream, at)).then(versions);
      expect(await asOf({ recordedAt: first[2].recordedAt })).toEqual([1, 2, 3]);
      expect(await asOf({ recordedAt: second[1].recordedAt })).toEqual([1, 2, 3, 4, 5]);
      expect(await asOf({ recordedAt: new Date(first[0].recordedAt.getTime() - 1) })).toEqual([]);
      expect(await asOf({ position: first[1].position })).toEqual([1, 2]);
      expect(await asOf({ position: award.position })).toEqual([1, 2, 3]);
      expect(await asOf({ position: Number.MAX_SAFE_INTEGER })).toEqual([1, 2, 3, 4, 5]);
    });

    it("iterates a tenant's events in global order, one stream in version order, and a record-time range", async () => {
      const mine = await collect(reader.iterateEvents({ tenant }));
      expect(ids(mine)).toEqual(ids(appended));
      const positions = mine.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(versions(await collect(reader.iterateEvents({ tenant, streamId: caseStream })))).toEqual([1, 2, 3, 4, 5]);

      const from = second[0].recordedAt;
      expect(ids(await collect(reader.iterateEvents({ tenant, from })))).toEqual(
        ids(appended.filter((e) => e.recordedAt >= from)),
      );
      expect(ids(await collect(reader.iterateEvents({ tenant, to: from })))).toEqual(
        ids(appended.filter((e) => e.recordedAt < from)),
      );
      expect(
        ids(await collect(reader.iterateEvents({ tenant, streamId: caseStream, from, to: second[1].recordedAt }))),
      ).toEqual([]);

      const everyone = await collect(reader.iterateEvents({}));
      expect(everyone.filter((e) => e.tenant === other).map((e) => [e.streamId, e.version])).toEqual([
        [caseStream, 1],
        [caseStream, 2],
      ]);
      expect(everyone.filter((e) => e.tenant === tenant)).toHaveLength(appended.length);
    });

    it('counts what it would iterate', async () => {
      expect(await reader.countEvents({ tenant })).toBe(appended.length);
      expect(await reader.countEvents({ tenant, streamId: caseStream })).toBe(5);
      expect(await reader.countEvents({ tenant, from: second[0].recordedAt })).toBe(
        appended.filter((e) => e.recordedAt >= second[0].recordedAt).length,
      );
      expect(await reader.countEvents({ tenant: `${tenant}-nobody` })).toBe(0);
    });

    it('hands out every stream in chunks, stream after stream, each in version order with its head', async () => {
      const chunks = await collect(reader.iterateStreamChunks({ tenant }));
      const order = chunks.filter((c) => c.last).map((c) => c.streamId);
      expect(order).toEqual([caseStream, fundStream, unitStream]);
      for (const streamId of order) {
        const own = chunks.filter((c) => c.streamId === streamId);
        expect(chunks.slice(chunks.indexOf(own[0]), chunks.indexOf(own[0]) + own.length)).toEqual(own); // consecutive
        expect(own.map((c) => c.last)).toEqual([...own.slice(1).map(() => false), true]);
        const stored = await fixture.store.readStream(tenant, streamId);
        expect(own.flatMap((c) => ids(c.events))).toEqual(ids(stored));
        expect(own[0].head).toEqual(
          expect.objectContaining({ tenant, streamId, version: stored.length, lastHash: stored.at(-1)?.hash }),
        );
      }
      const one = await collect(reader.iterateStreamChunks({ tenant: other, streamId: caseStream }));
      expect(one.flatMap((c) => versions(c.events))).toEqual([1, 2]);
      expect(one.every((c) => c.tenant === other)).toBe(true);
    });

    it('finds every tenant holding a stream id', async () => {
      const heads = await reader.findStreams(caseStream);
      expect(heads.map((h) => [h.tenant, h.version])).toEqual([
        [tenant, 5],
        [other, 2],
      ]);
    });

    it("gives a case's timeline: its own events and the fund events naming it, in global order, paged by position", async () => {
      const caseTimeline = (t: string, id: string, after: number, limit: number) =>
        reader.eventsReferencing(
          t,
          { streamId: `case-${id}`, id, field: 'caseId', categories: ['fund'] },
          after,
          limit,
        );
      const timeline = await caseTimeline(tenant, caseId, 0, 100);
      expect(ids(timeline)).toEqual(ids([...first, award, ...second, disbursed]));
      const page = await caseTimeline(tenant, caseId, 0, 3);
      expect(ids(page)).toEqual(ids(timeline.slice(0, 3)));
      expect(ids(await caseTimeline(tenant, caseId, page[2].position, 100))).toEqual(ids(timeline.slice(3)));
      expect(ids(await caseTimeline(tenant, caseId, award.position, 2))).toEqual(ids(second));
      expect((await caseTimeline(other, caseId, 0, 100)).map((e) => [e.streamId, e.version])).toEqual([
        [caseStream, 1],
        [caseStream, 2],
      ]);
    });

    it('verifies an untouched tenant intact', async () => {
      const report = await verifyStore(reader, { tenant });
      expect(report).toMatchObject({
        ok: true,
        streamsChecked: 3,
        eventsChecked: appended.length,
        brokenStreams: 0,
        findings: [],
      });
      expect(await collect(reader.iterateStreamsWithoutEvents({ tenant }))).toEqual([]);
      expect(await verifyStore(reader, { tenant, streamId: caseStream })).toMatchObject({
        ok: true,
        streamsChecked: 1,
        eventsChecked: 5,
      });
    });

    it('finds a tampered event and names its stream and version', async () => {
      const damaged = `${tenant}-t`;
      const victim = `case-${randomUUID()}`;
      const intact = `case-${randomUUID()}`;
      await append(damaged, victim, events(4), 'no_stream');
      await append(damaged, intact, events(3), 'no_stream');
      const expected = await fixture.tamper(damaged, victim);
      const report = await verifyStore(reader, { tenant: damaged });
      expect(report).toMatchObject({ ok: false, streamsChecked: 2, brokenStreams: 1 });
      expect(report.findings).toEqual([
        expect.objectContaining({
          tenant: damaged,
          streamId: victim,
          version: expected.version,
          reason: expected.reason,
        }),
      ]);
      expect(await verifyStore(reader, { tenant: damaged, streamId: victim })).toMatchObject({
        ok: false,
        brokenStreams: 1,
      });
      expect(await verifyStore(reader, { tenant: damaged, streamId: intact })).toMatchObject({
        ok: true,
        streamsChecked: 1,
      });
      expect((await verifyStore(reader, { tenant })).ok).toBe(true);
    });
  });
}
