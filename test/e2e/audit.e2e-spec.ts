import { randomUUID } from 'node:crypto';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { AGGREGATE_CATEGORIES, CaseEvent, deciders, fold } from '@koproduktiv/domain';
import { EventStore, EventStoreSelection, verifyExport } from '@koproduktiv/event-store';
import { drain } from '@koproduktiv/event-store/testing';
import { KurrentDbEventStore, toStreamName } from '@koproduktiv/event-store/kurrentdb';
import { FakeKurrentDbClient } from '@koproduktiv/event-store/testing';
import { exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, ApiResponse, sendStory, startApi } from '../support/api-harness';
import { ALL_TAMPER_KINDS, tamperEach } from '../support/audit-tamper';
import { describeBackend } from '../support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '../support/kurrentdb';

const caseStream = `case-${exampleIds.case}`;
const lines = (text: string) =>
  text.split('\n').filter((line, index, all) => !(index === all.length - 1 && line === ''));

const kurrentdb = kurrentDbSource();
describeBackend('KurrentDB (audit over HTTP)', kurrentdb?.where ?? KURRENTDB_SKIPPED);

/** What a KurrentDB operator can do to streams (the real client, or the fake's equivalents). */
type KurrentOperator = Pick<
  KurrentDBClient,
  'deleteStream' | 'setStreamMetadata' | 'tombstoneStream' | 'appendToStream'
>;

interface Backend {
  readonly selection?: EventStoreSelection;
  readonly store?: EventStore;
  /** KurrentDB only: a client to delete and truncate streams behind the service's back. */
  operator?(): Promise<{ client: KurrentOperator; dispose(): Promise<void> }>;
  stop(): Promise<void>;
}

/** The same routes on every event store that can be reached; PostgreSQL and the KurrentDB adapter over its fake client always. */
const backends: [string, (() => Promise<Backend>) | undefined][] = [
  ['PostgreSQL', async () => ({ selection: { kind: 'postgres' }, stop: async () => undefined })],
  [
    'KurrentDB adapter over a fake client',
    async () => {
      const fake = new FakeKurrentDbClient();
      const store = new KurrentDbEventStore(fake as unknown as KurrentDBClient, { categories: AGGREGATE_CATEGORIES });
      return {
        store,
        operator: async () => ({ client: fake as unknown as KurrentOperator, dispose: async () => undefined }),
        stop: async () => undefined,
      };
    },
  ],
  [
    'KurrentDB',
    kurrentdb &&
      (async () => {
        const server: KurrentDbServer = await kurrentdb.start();
        return {
          selection: { kind: 'kurrentdb', kurrentDbUrl: server.url },
          operator: async () => {
            const { KurrentDBClient: Client } = await import('@kurrent/kurrentdb-client');
            const client = Client.connectionString(server.url);
            return { client, dispose: () => client.dispose() };
          },
          stop: () => server.stop(),
        };
      }),
  ],
];

describe.each(backends.filter(([, start]) => !start).map(([name]) => name))('audit API over HTTP (%s)', (name) => {
  it.skip(`${name}: ${KURRENTDB_SKIPPED}`, () => undefined);
});

describe.each(backends.filter(([, start]) => start))('audit API over HTTP (%s)', (backend, startBackend) => {
  // A KurrentDB may be shared (KURRENTDB_URL): tenants of this run only. PostgreSQL: a database of this file's own.
  const run = randomUUID().slice(0, 8);
  const tenantOf = (name: string) => (backend === 'PostgreSQL' ? name : `${name}-${run}`);
  const TENANT = tenantOf('musterstadt');
  const onPostgres = backend === 'PostgreSQL' ? it : it.skip;
  const onKurrentDb = backend === 'PostgreSQL' ? it.skip : it;
  let api: ApiHarness;
  let started: Backend;
  let auditor: string;
  const get = (path: string, token = auditor) =>
    api.request('GET', path, { headers: { authorization: `Bearer ${token}` } });
  const post = (path: string, body: unknown, token = auditor) =>
    api.request('POST', path, {
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const expectProblem = (response: ApiResponse, status: number, code: string) => {
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };

  beforeAll(async () => {
    started = await (startBackend as NonNullable<typeof startBackend>)();
    api = await startApi({ eventStore: started.selection, givenStore: started.store });
    auditor = await api.token(TENANT, 'auditor');
    await sendStory(api, TENANT);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await started?.stop();
  });

  describe('roles and tenants', () => {
    it('a clerk (or analyst, or admin) cannot use audit routes', async () => {
      for (const role of ['clerk', 'analyst', 'admin']) {
        const token = await api.token(TENANT, role);
        expectProblem(await get(`/v1/audit/streams/${caseStream}/events`, token), 403, 'AUTH.FORBIDDEN');
        expectProblem(await get(`/v1/audit/streams/${caseStream}/state`, token), 403, 'AUTH.FORBIDDEN');
        expectProblem(await get(`/v1/audit/cases/${exampleIds.case}/timeline`, token), 403, 'AUTH.FORBIDDEN');
        expectProblem(await post('/v1/audit/verify', {}, token), 403, 'AUTH.FORBIDDEN');
        expectProblem(await get('/v1/audit/export', token), 403, 'AUTH.FORBIDDEN');
      }
      expectProblem(await api.request('GET', '/v1/audit/export'), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('an auditor cannot send commands', async () => {
      const response = await api.command(
        'RegisterUnit',
        { unitId: randomUUID(), name: 'Prüfamt', isContactPoint: false },
        { tenant: TENANT, token: auditor },
      );
      expectProblem(response, 403, 'AUTH.FORBIDDEN');
    });

    it("nobody crosses tenants: another municipality's auditor sees none of musterstadt's streams", async () => {
      const other = await api.token(tenantOf('anderstadt'), 'auditor');
      expectProblem(await get(`/v1/audit/streams/${caseStream}/events`, other), 404, 'AUDIT.STREAM_NOT_FOUND');
      expectProblem(await get(`/v1/audit/streams/${caseStream}/state`, other), 404, 'AUDIT.STREAM_NOT_FOUND');
      expectProblem(await get(`/v1/audit/cases/${exampleIds.case}/timeline`, other), 404, 'AUDIT.STREAM_NOT_FOUND');
      expectProblem(await post('/v1/audit/verify', { streamId: caseStream }, other), 404, 'AUDIT.STREAM_NOT_FOUND');
      expectProblem(await get(`/v1/audit/export?streamId=${caseStream}`, other), 404, 'AUDIT.STREAM_NOT_FOUND');
      const verified = await post('/v1/audit/verify', {}, other);
      expect(verified.body).toMatchObject({
        ok: true,
        streamsChecked: 0,
        eventsChecked: 0,
        scope: { tenant: tenantOf('anderstadt') },
      });
      const exported = await (
        await fetch(`${api.baseUrl}/v1/audit/export`, { headers: { authorization: `Bearer ${other}` } })
      ).text();
      expect(lines(exported)).toHaveLength(1);
      expect(JSON.parse(exported).manifest).toMatchObject({ events: 0, scope: { tenant: tenantOf('anderstadt') } });
    });
  });

  it('lists a stream with full metadata and hashes, personal data included, paged by version', async () => {
    const initiative = `initiative-${exampleIds.initiative}`;
    const first = await get(`/v1/audit/streams/${initiative}/events?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ streamId: initiative, version: 4, nextFromVersion: 3 });
    expect(first.body.events[0]).toMatchObject({
      tenant: TENANT,
      version: 1,
      type: 'InitiativeRegistered',
      data: { contact: { name: 'Aylin Demir' } },
      metadata: {
        actor: { subject: `clerk@${TENANT}`, role: 'clerk' },
        correlationId: 'story-RegisterInitiative',
        causationId: expect.any(String),
      },
      prevHash: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
      position: expect.any(Number),
    });
    const rest = await get(`/v1/audit/streams/${initiative}/events?fromVersion=3&limit=2`);
    expect(rest.body.events.map((e: { version: number }) => e.version)).toEqual([3, 4]);
    expect(rest.body.nextFromVersion).toBeNull();
  });

  it('rejects malformed parameters with 400 naming the field', async () => {
    expectProblem(await get('/v1/audit/streams/not-a-stream!/events'), 400, 'REQUEST.INVALID');
    expectProblem(await get(`/v1/audit/streams/${caseStream}/events?limit=5000`), 400, 'REQUEST.INVALID');
    expectProblem(await get(`/v1/audit/streams/${caseStream}/state?asOfRecordedAt=yesterday`), 400, 'REQUEST.INVALID');
    expectProblem(
      await get(`/v1/audit/streams/${caseStream}/state?asOfRecordedAt=2026-01-01T00:00:00Z&asOfPosition=3`),
      400,
      'REQUEST.INVALID',
    );
    expectProblem(
      await get(`/v1/audit/export?streamId=${caseStream}&from=2026-01-01T00:00:00Z`),
      400,
      'REQUEST.INVALID',
    );
    expectProblem(await get('/v1/audit/cases/123/timeline'), 400, 'REQUEST.INVALID');
    expectProblem(await post('/v1/audit/verify', { streamId: caseStream, everything: true }), 400, 'REQUEST.INVALID');
  });

  it("the case timeline has the case's events and the fund decisions naming it, in global order, with actor, times and ids", async () => {
    const response = await get(`/v1/audit/cases/${exampleIds.case}/timeline`);
    expect(response.status).toBe(200);
    const events = response.body.events as Array<{
      streamId: string;
      type: string;
      position: number;
      metadata: { correlationId: string; causationId: string; actor: object };
      occurredAt: string;
      recordedAt: string;
    }>;
    const positions = events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.streamId))).toEqual(new Set([caseStream, `fund-${exampleIds.fund}`]));
    const fundTypes = events.filter((e) => e.streamId.startsWith('fund-')).map((e) => e.type);
    // The whole grant procedure of the case's three applications (the process manager received each).
    expect(fundTypes).toEqual([
      'ApplicationReceived',
      'GrantAwarded',
      'GrantDisbursed',
      'ProofOfUseSubmitted',
      'ProofOfUseReviewed',
      'GrantReclaimed',
      'RepaymentRecorded',
      'ApplicationSettled',
      'ApplicationReceived',
      'ApplicationRejected',
      'ApplicationReceived',
      'GrantAwardProposed',
      'GrantProposalWithdrawn',
    ]);
    const received = events.find((e) => e.type === 'ApplicationReceived')!;
    expect(received.metadata).toMatchObject({
      correlationId: 'story-ApplyForFunding',
      actor: { subject: 'process-manager', role: 'system' },
    });
    expect(events.map((e) => e.type)).not.toContain('FundOpened');
    const award = events.find((e) => e.type === 'GrantAwarded')!;
    expect(award).toMatchObject({
      metadata: { correlationId: 'story-AwardGrant', actor: { subject: `clerk@${TENANT}`, role: 'clerk' } },
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
    });
    expect(award.metadata.causationId).not.toBe(award.metadata.correlationId);
    const caseOwn = await api.store.readStream(TENANT, caseStream);
    expect(events.filter((e) => e.streamId === caseStream)).toHaveLength(caseOwn.length);

    const page = await get(`/v1/audit/cases/${exampleIds.case}/timeline?limit=5`);
    expect(page.body.events).toHaveLength(5);
    const next = await get(
      `/v1/audit/cases/${exampleIds.case}/timeline?limit=5&afterPosition=${page.body.nextAfterPosition}`,
    );
    expect(next.body.events[0].position).toBe(events[5].position);
  });

  describe('state as recorded at a moment', () => {
    it('folds exactly the events recorded by then, even when a later-recorded event carries an earlier business time', async () => {
      const caseId = randomUUID();
      const streamId = `case-${caseId}`;
      const send = async (type: string, body: object) => {
        const response = await api.command(type, { caseId, ...body }, { tenant: TENANT });
        expect(response.status).toBe(200);
      };
      await send('SubmitRequest', {
        initiativeId: exampleIds.initiative,
        title: 'Gemeinschaftsgarten',
        description: 'Brachfläche am Bahnhof',
        category: 'gruen',
        channel: 'online',
        requestedSupport: ['space'],
        occurredAt: '2026-01-10T09:00:00Z',
      });
      await send('AcknowledgeRequest', {
        unitId: exampleIds.contactPointUnit,
        staffRef: 'ks/a.weber',
        occurredAt: '2026-01-12T09:00:00Z',
      });
      const [, acknowledged] = await api.store.readStream(TENANT, streamId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Recorded now, but it happened before the acknowledgement: a backdated entry.
      await send('RecordInteraction', {
        interactionId: randomUUID(),
        kind: 'call',
        initiatedBy: 'initiative',
        participationLevel: 'inform',
        staffRef: 'ks/a.weber',
        unitId: exampleIds.contactPointUnit,
        durationMinutes: 10,
        summary: 'Rückfrage',
        occurredAt: '2026-01-11T09:00:00Z',
      });
      const all = await api.store.readStream(TENANT, streamId);
      const decider = deciders.case;
      const rebuiltAt = (count: number) =>
        JSON.parse(
          JSON.stringify(fold(decider.evolve, decider.initialState(), all.slice(0, count) as unknown as CaseEvent[])),
        );

      const asOfAck = await get(
        `/v1/audit/streams/${streamId}/state?asOfRecordedAt=${acknowledged.recordedAt.toISOString()}`,
      );
      expect(asOfAck.status).toBe(200);
      expect(asOfAck.body).toMatchObject({
        streamId,
        category: 'case',
        asOf: { recordedAt: acknowledged.recordedAt.toISOString(), position: null },
        version: 2,
      });
      expect(asOfAck.body.includedEvents.map((e: { type: string }) => e.type)).toEqual([
        'RequestSubmitted',
        'RequestAcknowledged',
      ]);
      expect(asOfAck.body.includedEvents[1]).toEqual({
        version: 2,
        position: acknowledged.position,
        eventId: acknowledged.eventId,
        type: 'RequestAcknowledged',
        recordedAt: acknowledged.recordedAt.toISOString(),
        occurredAt: '2026-01-12T09:00:00.000Z',
      });
      expect(asOfAck.body.state).toEqual(rebuiltAt(2));
      expect(asOfAck.body.state.interactionIds).toEqual([]);

      const byPosition = await get(`/v1/audit/streams/${streamId}/state?asOfPosition=${acknowledged.position}`);
      expect(byPosition.body.state).toEqual(rebuiltAt(2));
      expect(byPosition.body.asOf).toEqual({ recordedAt: null, position: acknowledged.position });

      const now = await get(`/v1/audit/streams/${streamId}/state`);
      expect(now.body.version).toBe(3);
      expect(now.body.state).toEqual(rebuiltAt(3));
      expect(now.body.state.interactionIds).toHaveLength(1);

      const before = await get(`/v1/audit/streams/${streamId}/state?asOfRecordedAt=2000-01-01T00:00:00Z`);
      expect(before.body).toMatchObject({
        version: 0,
        includedEvents: [],
        state: JSON.parse(JSON.stringify(decider.initialState())),
      });
    });
  });

  describe('verification', () => {
    it('finds an untouched tenant intact, whole or by stream', async () => {
      const all = await post('/v1/audit/verify', {});
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        ok: true,
        brokenStreams: 0,
        findings: [],
        scope: { tenant: TENANT, streamId: null },
      });
      expect(all.body.streamsChecked).toBeGreaterThanOrEqual(5);
      const one = await post('/v1/audit/verify', { streamId: caseStream });
      expect(one.body).toMatchObject({ ok: true, streamsChecked: 1, scope: { tenant: TENANT, streamId: caseStream } });
      expect(one.body.eventsChecked).toBe((await api.store.readStream(TENANT, caseStream)).length);
    });

    onPostgres(
      'detects every kind of tampering in PostgreSQL and names the damaged stream and its first broken event',
      async () => {
        const tenant = 'tamperstadt';
        const token = await api.token(tenant, 'auditor');
        const intact = `case-${randomUUID()}`;
        await api.store.append(
          tenant,
          intact,
          (await api.store.readStream(TENANT, caseStream)).slice(0, 3).map((e) => ({ ...e, eventId: randomUUID() })),
          'no_stream',
        );
        const tampered = await tamperEach(api.store, api.db.pool, tenant, ALL_TAMPER_KINDS);

        const report = await post('/v1/audit/verify', {}, token);
        expect(report.status).toBe(200);
        expect(report.body).toMatchObject({
          ok: false,
          streamsChecked: tampered.length + 1,
          brokenStreams: tampered.length,
        });
        for (const { kind, streamId, expected } of tampered) {
          const finding = report.body.findings.find((f: { streamId: string }) => f.streamId === streamId);
          expect({ kind, finding }).toEqual({
            kind,
            finding: expect.objectContaining({ tenant, streamId, ...expected, detail: expect.any(String) }),
          });
          const single = await post('/v1/audit/verify', { streamId }, token);
          expect({ kind, ok: single.body.ok, findings: single.body.findings }).toEqual({
            kind,
            ok: false,
            findings: [expect.objectContaining(expected)],
          });
        }
        expect(report.body.findings.map((f: { streamId: string }) => f.streamId)).not.toContain(intact);
        // Tampering in one tenant does not show in another.
        expect((await post('/v1/audit/verify', {})).body.ok).toBe(true);
      },
    );

    onPostgres(
      'detects a stream whose events were all deleted and events of a stream the stream table does not know',
      async () => {
        const tenant = 'leerstadt';
        const token = await api.token(tenant, 'auditor');
        const emptied = `case-${randomUUID()}`;
        const orphan = `case-${randomUUID()}`;
        for (const id of [emptied, orphan])
          await api.store.append(
            tenant,
            id,
            (await api.store.readStream(TENANT, caseStream)).slice(0, 2).map((e) => ({ ...e, eventId: randomUUID() })),
            'no_stream',
          );
        await api.db.pool.query('DELETE FROM kp_events WHERE tenant = $1 AND stream_id = $2', [tenant, emptied]);
        await api.db.pool.query('DELETE FROM kp_streams WHERE tenant = $1 AND stream_id = $2', [tenant, orphan]);
        const report = await post('/v1/audit/verify', {}, token);
        expect(report.body).toMatchObject({ ok: false, brokenStreams: 2 });
        expect(report.body.findings).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ streamId: emptied, reason: 'missing_events', version: 1 }),
            expect.objectContaining({ streamId: orphan, reason: 'unknown_stream', version: 1 }),
          ]),
        );
        expect((await post('/v1/audit/verify', { streamId: orphan }, token)).body).toMatchObject({
          ok: false,
          findings: [expect.objectContaining({ reason: 'unknown_stream' })],
        });
      },
    );

    onKurrentDb(
      'detects streams deleted or truncated in KurrentDB, naming the stream and what is missing',
      async () => {
        const tenant = tenantOf('tamperstadt');
        const token = await api.token(tenant, 'auditor');
        const copies = async () =>
          (await api.store.readStream(TENANT, caseStream)).slice(0, 3).map((e) => ({ ...e, eventId: randomUUID() }));
        const [deleted, truncated, intact] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
        for (const id of [deleted, truncated, intact]) await api.store.append(tenant, id, await copies(), 'no_stream');
        const operator = await (started.operator as NonNullable<Backend['operator']>)();
        try {
          await operator.client.deleteStream(toStreamName(tenant, deleted));
          await operator.client.setStreamMetadata(toStreamName(tenant, truncated), { truncateBefore: 1 });
        } finally {
          await operator.dispose();
        }
        const report = await post('/v1/audit/verify', {}, token);
        expect(report.body).toMatchObject({ ok: false, streamsChecked: 3, brokenStreams: 2 });
        expect(report.body.findings).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              tenant,
              streamId: deleted,
              reason: 'missing_events',
              detail: expect.stringContaining('soft-deleted'),
            }),
            expect.objectContaining({ tenant, streamId: truncated, version: 2, reason: 'version_gap' }),
          ]),
        );
        expect((await post('/v1/audit/verify', { streamId: deleted }, token)).body).toMatchObject({
          ok: false,
          findings: [expect.objectContaining({ reason: 'missing_events' })],
        });
        expect((await post('/v1/audit/verify', { streamId: intact }, token)).body).toMatchObject({
          ok: true,
          streamsChecked: 1,
        });
      },
    );

    onKurrentDb(
      'a foreign event in a case and a hard-deleted stream: commands and projections go on without them, verification reports the foreign event',
      async () => {
        const tenant = tenantOf('fremdstadt');
        const token = await api.token(tenant, 'auditor');
        const caseId = randomUUID();
        const streamId = `case-${caseId}`;
        const send = (type: string, body: object) => api.command(type, { caseId, ...body }, { tenant });
        expect(
          (
            await send('SubmitRequest', {
              initiativeId: exampleIds.initiative,
              title: 'Repair-Café',
              description: 'Im Gemeindehaus',
              category: 'gruen',
              channel: 'online',
              requestedSupport: ['space'],
            })
          ).status,
        ).toBe(200);
        const removed = `case-${randomUUID()}`;
        await api.store.append(
          tenant,
          removed,
          (await api.store.readStream(TENANT, caseStream)).slice(0, 1).map((e) => ({ ...e, eventId: randomUUID() })),
          'no_stream',
        );
        const operator = await (started.operator as NonNullable<Backend['operator']>)();
        try {
          // Another program closes the case behind the service's back (no Koproduktiv metadata, no hash), and an operator hard-deletes a stream.
          await operator.client.appendToStream(toStreamName(tenant, streamId), {
            id: randomUUID(),
            type: 'CaseClosed',
            contentType: 'application/json',
            data: { caseId, outcome: 'withdrawn', stage: 'submitted' },
            metadata: { by: 'script' },
          });
          await operator.client.tombstoneStream(toStreamName(tenant, removed));
        } finally {
          await operator.dispose();
        }

        const acknowledged = await send('AcknowledgeRequest', {
          unitId: exampleIds.contactPointUnit,
          staffRef: 'ks/a.weber',
        });
        expect({ status: acknowledged.status, version: acknowledged.body.version }).toEqual({
          status: 200,
          version: 3,
        });
        expect((await api.store.readStream(tenant, streamId)).map((e) => [e.version, e.type])).toEqual([
          [1, 'RequestSubmitted'],
          [3, 'RequestAcknowledged'],
        ]);

        await api.project(); // past the foreign event and the tombstone
        const read = await api.get(`/v1/cases/${caseId}`, tenant, ['analyst']);
        expect(read.status).toBe(200);
        expect(read.body.data).toMatchObject({
          status: 'open',
          acknowledgedBy: expect.objectContaining({ staffRef: expect.stringMatching(/^staff-/) }),
        }); // ks/a.weber, pseudonymised for analysts

        const report = await post('/v1/audit/verify', { streamId }, token);
        expect(report.body).toMatchObject({
          ok: false,
          findings: [expect.objectContaining({ tenant, streamId, version: 2 })],
        });
      },
    );
  });

  describe('export', () => {
    const exportText = async (query: string) => {
      const response = await fetch(`${api.baseUrl}/v1/audit/export${query}`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      return response.text();
    };

    it('streams the whole tenant as JSON Lines with a manifest that verify-export accepts; one changed byte fails it', async () => {
      const text = await exportText('');
      const all = lines(text);
      const manifest = JSON.parse(all.at(-1)!).manifest;
      const stored = (await drain(api.store)).events.filter((e) => e.tenant === TENANT);
      expect(manifest).toMatchObject({
        format: 'koproduktiv.audit-export/1',
        scope: { tenant: TENANT, streamId: null, from: null, to: null },
        events: stored.length,
        firstPosition: stored[0].position,
        lastPosition: stored.at(-1)?.position,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(all).toHaveLength(stored.length + 1);
      expect(JSON.parse(all[0])).toMatchObject({
        tenant: TENANT,
        hash: expect.any(String),
        metadata: expect.any(Object),
      });
      // Exported as stored: personal data sealed, so the hashes verify offline and no name leaves in clear.
      expect(text).not.toContain('Aylin Demir');
      expect(text).toContain('"contact":{"$sealed":');

      const check = await verifyExport(lines(text));
      expect(check).toMatchObject({ ok: true, events: stored.length, problems: [] });

      const at = text.indexOf('Bürgerverein Nordstadt');
      expect(at).toBeGreaterThan(0);
      const flipped = `${text.slice(0, at)}X${text.slice(at + 1)}`;
      const broken = await verifyExport(lines(flipped));
      expect(broken.ok).toBe(false);
      expect(broken.problems.map((p) => p.detail).join('\n')).toMatch(/sha256/);
      const truncated = await verifyExport(lines(text).slice(0, -2));
      expect(truncated.ok).toBe(false);
    });

    it('exports one stream in version order, and a record-time range', async () => {
      const stream = lines(await exportText(`?streamId=${caseStream}`));
      const events = stream.slice(0, -1).map((line) => JSON.parse(line));
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(new Set(events.map((e) => e.streamId))).toEqual(new Set([caseStream]));
      expect((await verifyExport(stream)).ok).toBe(true);

      const stored = await api.store.readStream(TENANT, caseStream);
      const from = stored[2].recordedAt.toISOString();
      const to = stored[5].recordedAt.toISOString();
      const range = lines(await exportText(`?from=${from}&to=${to}`));
      const inRange = range.slice(0, -1).map((line) => JSON.parse(line));
      const recordedInRange = (await drain(api.store)).events
        .filter((e) => e.tenant === TENANT && e.recordedAt.toISOString() >= from && e.recordedAt.toISOString() < to)
        .sort((a, b) => a.position - b.position);
      expect(recordedInRange.length).toBeGreaterThanOrEqual(3);
      expect(inRange.map((e) => e.eventId)).toEqual(recordedInRange.map((e) => e.eventId));
      for (const event of inRange) expect(event.recordedAt >= from && event.recordedAt < to).toBe(true);
      expect(JSON.parse(range.at(-1)!).manifest.scope).toEqual({ tenant: TENANT, streamId: null, from, to });
      expect((await verifyExport(range)).ok).toBe(true);
    });
  });

  it('documents every audit route in the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/docs-json')).body;
    expect(
      Object.keys(doc.paths)
        .filter((path) => path.startsWith('/v1/audit'))
        .sort(),
    ).toEqual([
      '/v1/audit/cases/{caseId}/timeline',
      '/v1/audit/export',
      '/v1/audit/reseals',
      '/v1/audit/streams/{streamId}/events',
      '/v1/audit/streams/{streamId}/state',
      '/v1/audit/subjects/{kind}/{id}',
      '/v1/audit/verify',
    ]);
  });
});
