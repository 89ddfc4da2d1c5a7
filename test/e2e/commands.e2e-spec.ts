import { randomUUID } from 'node:crypto';
import { PUBLIC_COMMAND_TYPES } from '@koproduktiv/domain';
import { verifyStream } from '@koproduktiv/event-store';
import { notFoundExample } from '../../apps/api/src/commands/command-problem-examples';
import { commandExamples, commandExampleSequence, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';
import { describeBackend } from '../support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '../support/kurrentdb';
import type { EventStoreSelection } from '@koproduktiv/event-store';

const ids = exampleIds;
const caseStream = `case-${ids.case}`;

const kurrentdb = kurrentDbSource();
describeBackend('KurrentDB (HTTP end-to-end)', kurrentdb?.where ?? KURRENTDB_SKIPPED);

/** The same suite on every event store that can be reached; PostgreSQL always. */
const backends: [string, (() => Promise<{ selection: EventStoreSelection; stop(): Promise<void> }>) | undefined][] = [
  ['PostgreSQL', async () => ({ selection: { kind: 'postgres' }, stop: async () => undefined })],
  [
    'KurrentDB',
    kurrentdb &&
      (async () => {
        const server: KurrentDbServer = await kurrentdb.start();
        return { selection: { kind: 'kurrentdb', kurrentDbUrl: server.url }, stop: () => server.stop() };
      }),
  ],
];

describe.each(backends.filter(([, start]) => !start).map(([name]) => name))('command API over HTTP (%s)', (name) => {
  it.skip(`${name}: ${KURRENTDB_SKIPPED}`, () => undefined);
});

describe.each(backends.filter(([, start]) => start))('command API over HTTP (%s)', (backend, startBackend) => {
  let api: ApiHarness;
  let stopBackend: () => Promise<void> = async () => undefined;
  const onPostgres = backend === 'PostgreSQL' ? it : it.skip;

  beforeAll(async () => {
    const started = await (startBackend as NonNullable<typeof startBackend>)();
    stopBackend = started.stop;
    api = await startApi({ bodyLimitBytes: 16 * 1024, eventStore: started.selection });
  }, 180_000);
  afterAll(async () => {
    await api.close();
    await stopBackend();
  });

  it('accepts every command of the domain once, in a story, and stores its events with full metadata', async () => {
    const sent = new Set<string>();
    for (const { type, body } of commandExampleSequence) {
      const response = await api.command(type, body, { headers: { 'x-correlation-id': `story-${type}` } });
      expect({ type, status: response.status, body: response.body }).toMatchObject({ type, status: 200 });
      expect(response.body).toEqual({
        streamId: expect.stringMatching(/^(initiative|unit|fund|case)-[0-9a-f-]{36}$/),
        version: expect.any(Number),
        position: expect.any(Number),
        events: [expect.objectContaining({ eventId: expect.any(String), type: expect.any(String) })],
      });
      expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
      sent.add(type);
    }
    // Erasure is the admin's: the story's clerk cannot, an admin can (and the events stay verifiable).
    for (const type of ['ShredCaseNarratives', 'EraseInitiativeContact'] as const) {
      expect((await api.command(type, commandExamples[type])).status).toBe(403);
      const erased = await api.command(type, commandExamples[type], { token: await api.token('musterstadt', 'admin') });
      expect({ type, status: erased.status, events: erased.body.events }).toMatchObject({
        type,
        status: 200,
        events: [{ type: expect.any(String) }],
      });
      sent.add(type);
    }
    // ConfirmGrantAward needs a second clerk: test/e2e/grant-procedure.e2e-spec.ts sends it.
    expect([...sent, 'ConfirmGrantAward'].sort()).toEqual([...PUBLIC_COMMAND_TYPES].sort());

    const events = await api.store.readStream('musterstadt', caseStream);
    expect(events.map((e) => e.type)).toContain('CaseInstitutionalised');
    expect(events[0]).toMatchObject({
      tenant: 'musterstadt',
      schemaVersion: 1,
      metadata: {
        actor: { subject: 'clerk@musterstadt', role: 'clerk' },
        correlationId: 'story-SubmitRequest',
        causationId: expect.any(String),
      },
    });
    expect(verifyStream(caseStream, events)).toBeUndefined();
  });

  describe('errors are problem+json with a stable code', () => {
    const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, code: string) => {
      expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        title: expect.any(String),
        status,
        type: expect.stringContaining('problems/'),
      });
    };

    it('400 for malformed JSON', async () => {
      expectProblem(await api.command('RegisterUnit', '{"unitId": "x",'), 400, 'REQUEST.MALFORMED_JSON');
    });

    it('400 naming every field with a wrong type', async () => {
      const response = await api.command('RegisterUnit', { unitId: 42, name: ['Bauamt'], isContactPoint: 'yes' });
      expectProblem(response, 400, 'REQUEST.INVALID');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'isContactPoint',
        'name',
        'unitId',
      ]);
    });

    it('400 for an unknown field, also inside a nested object', async () => {
      const response = await api.command('RegisterInitiative', {
        ...commandExamples.RegisterInitiative,
        initiativeId: randomUUID(),
        contact: { name: 'A. Demir', fax: '0231' },
      });
      expectProblem(response, 400, 'REQUEST.INVALID');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'contact.fax' })]);
    });

    it('400 for occurredAt more than five minutes in the future', async () => {
      const occurredAt = new Date(Date.now() + 10 * 60_000).toISOString();
      const response = await api.command('RegisterUnit', {
        unitId: randomUUID(),
        name: 'Kulturamt',
        isContactPoint: false,
        occurredAt,
      });
      expectProblem(response, 400, 'COMMAND.OCCURRED_AT_IN_FUTURE');
    });

    it('accepts a backdated occurredAt and records it as business time', async () => {
      const unitId = randomUUID();
      const occurredAt = '2025-06-30T08:15:00.000Z';
      expect(
        (await api.command('RegisterUnit', { unitId, name: 'Ordnungsamt', isContactPoint: false, occurredAt })).status,
      ).toBe(200);
      const [event] = await api.store.readStream('musterstadt', `unit-${unitId}`);
      expect(event.occurredAt.toISOString()).toBe(occurredAt);
      expect(event.recordedAt.getTime()).toBeGreaterThan(Date.parse(occurredAt));
    });

    it('401 without a token, and with a forged one', async () => {
      const body = { unitId: randomUUID(), name: 'Kulturamt', isContactPoint: false };
      expectProblem(await api.command('RegisterUnit', body, { token: null }), 401, 'AUTH.UNAUTHENTICATED');
      // The signature's first character: its last one carries padding bits a decoder may ignore (A and B can decode alike).
      const forged = (await api.token('musterstadt', 'clerk')).replace(
        /\.([^.])([^.]*)$/,
        (_, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}`,
      );
      expectProblem(await api.command('RegisterUnit', body, { token: forged }), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('403 for a role that may not send commands', async () => {
      const body = { unitId: randomUUID(), name: 'Kulturamt', isContactPoint: false };
      for (const role of ['analyst', 'auditor', 'admin']) {
        expectProblem(
          await api.command('RegisterUnit', body, { token: await api.token('musterstadt', role) }),
          403,
          'AUTH.FORBIDDEN',
        );
      }
    });

    it("404 for another tenant's stream: tenants cannot see or change each other's cases", async () => {
      const response = await api.command('RecordTrustFeedback', commandExamples.RecordTrustFeedback, {
        tenant: 'nachbarort',
      });
      expectProblem(response, 404, 'CASE.NOT_FOUND');
      expect(await api.store.streamVersion('nachbarort', caseStream)).toBe(0);
    });

    it('409 for a violated domain rule, with nothing appended', async () => {
      const before = await api.store.streamVersion('musterstadt', caseStream);
      const response = await api.command('ReopenCase', commandExamples.ReopenCase);
      expectProblem(response, 409, 'CASE.NOT_CLOSED');
      expect(await api.store.streamVersion('musterstadt', caseStream)).toBe(before);
    });

    it('409 for a second wait for the initiative, and for resuming a case that does not wait', async () => {
      const before = await api.store.streamVersion('musterstadt', caseStream);
      expectProblem(await api.command('ResumeCase', commandExamples.ResumeCase), 409, 'CASE.NOT_WAITING');
      expect((await api.command('AwaitInitiative', commandExamples.AwaitInitiative)).status).toBe(200);
      const again = await api.command('AwaitInitiative', { ...commandExamples.AwaitInitiative, until: '2026-06-30' });
      expectProblem(again, 409, 'CASE.ALREADY_WAITING');
      expect(again.body).toMatchObject({ until: '2026-04-30' });
      expect((await api.command('ResumeCase', commandExamples.ResumeCase)).status).toBe(200);
      expect(await api.store.streamVersion('musterstadt', caseStream)).toBe(before + 2);
    });

    it('412 when If-Match names another version; 200 when it names the current one', async () => {
      const unitId = randomUUID();
      await api.command('RegisterUnit', { unitId, name: 'Jugendamt', isContactPoint: false });
      const budget = { unitId, period: '2026-05', hours: 40 };
      const stale = await api.command('SetStaffTimeBudget', budget, { headers: { 'if-match': '"0"' } });
      expectProblem(stale, 412, 'COMMAND.VERSION_MISMATCH');
      expect(stale.body).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      const current = await api.command('SetStaffTimeBudget', budget, { headers: { 'if-match': '"1"' } });
      expect(current.status).toBe(200);
      expect(current.body.version).toBe(2);
      expectProblem(
        await api.command('SetStaffTimeBudget', budget, { headers: { 'if-match': 'soon' } }),
        400,
        'REQUEST.INVALID',
      );
    });

    it('an idempotent retry returns the first response and appends nothing; the key with another body is 422', async () => {
      const unitId = randomUUID();
      await api.command('RegisterUnit', { unitId, name: 'Grünflächenamt', isContactPoint: false });
      const key = `retry-${randomUUID()}`;
      const body = { unitId, period: '2026-Q2', hours: 120 };
      const first = await api.command('SetStaffTimeBudget', body, { headers: { 'idempotency-key': key } });
      const again = await api.command('SetStaffTimeBudget', body, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await api.store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(2);
      const reused = await api.command(
        'SetStaffTimeBudget',
        { ...body, hours: 80 },
        { headers: { 'idempotency-key': key } },
      );
      expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
      expect(await api.store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(2);
    });

    it('concurrent retries with one Idempotency-Key append once', async () => {
      const unitId = randomUUID();
      await api.command('RegisterUnit', { unitId, name: 'Sozialamt', isContactPoint: false });
      const key = `burst-${randomUUID()}`;
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          api.command(
            'SetStaffTimeBudget',
            { unitId, period: '2026-07', hours: 10 },
            { headers: { 'idempotency-key': key } },
          ),
        ),
      );
      const ok = responses.filter((r) => r.status === 200);
      expect(ok.length).toBeGreaterThan(0);
      for (const response of ok) expect(response.body).toEqual(ok[0].body);
      for (const response of responses.filter((r) => r.status !== 200))
        expect(response.body.code).toBe('COMMAND.CONCURRENT_WRITE');
      expect(await api.store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(2);
    });

    it('413 for a body over the limit', async () => {
      const response = await api.command('RegisterUnit', {
        unitId: randomUUID(),
        name: 'x'.repeat(20 * 1024),
        isContactPoint: false,
      });
      expectProblem(response, 413, 'REQUEST.TOO_LARGE');
    });

    it('415 for a body that is not JSON', async () => {
      const response = await api.command('RegisterUnit', 'unitId=1', { headers: { 'content-type': 'text/plain' } });
      expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('400, not 500, for text the store cannot hold', async () => {
      const response = await api.command('RegisterUnit', {
        unitId: randomUUID(),
        name: 'Amt\u0000',
        isContactPoint: false,
      });
      expect(response.status).toBe(400);
    });

    it('404 for a command type that does not exist', async () => {
      expectProblem(await api.command('DeleteEverything', {}), 404, 'ROUTE.NOT_FOUND');
    });
  });

  describe('concurrent writers over HTTP', () => {
    it('20 interactions sent at once to one case: each lands once or is refused with 409, nothing lost', async () => {
      const caseId = randomUUID();
      await api.command('SubmitRequest', { ...commandExamples.SubmitRequest, caseId });
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          api.command('RecordInteraction', {
            ...commandExamples.RecordInteraction,
            caseId,
            interactionId: randomUUID(),
          }),
        ),
      );
      const accepted = responses.filter((r) => r.status === 200);
      for (const refused of responses.filter((r) => r.status !== 200)) {
        expect({ status: refused.status, code: refused.body.code }).toEqual({
          status: 409,
          code: 'COMMAND.CONCURRENT_WRITE',
        });
      }
      const events = await api.store.readStream('musterstadt', `case-${caseId}`);
      expect(events).toHaveLength(1 + accepted.length);
      expect(new Set(accepted.map((r) => r.body.version)).size).toBe(accepted.length);
      expect(accepted.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('tamper evidence', () => {
    // Edits a row in PostgreSQL's events table; KurrentDB's log cannot be edited in place.
    onPostgres('the hash chain names the event whose row was edited directly in PostgreSQL', async () => {
      const before = await api.store.readStream('musterstadt', caseStream);
      expect(verifyStream(caseStream, before)).toBeUndefined();
      await api.db.pool.query(
        `UPDATE kp_events SET data = jsonb_set(data, '{title}', '"Umbenannt"') WHERE tenant = 'musterstadt' AND stream_id = $1 AND version = 1`,
        [caseStream],
      );
      const broken = verifyStream(caseStream, await api.store.readStream('musterstadt', caseStream));
      expect(broken).toMatchObject({
        streamId: caseStream,
        version: 1,
        eventId: before[0].eventId,
        reason: 'hash_mismatch',
      });
    });
  });

  describe('operations', () => {
    it('reports liveness and readiness without a token', async () => {
      expect((await api.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
      expect((await api.request('GET', '/health/ready')).body).toEqual({
        status: 'ok',
        checks: { eventStore: 'up' },
        processors: [],
      });
    });

    it('publishes an OpenAPI document with one route, schema and error list per command', async () => {
      const { status, body } = await api.request('GET', '/docs-json');
      expect(status).toBe(200);
      for (const type of PUBLIC_COMMAND_TYPES) {
        const operation = body.paths[`/v1/commands/${type}`]?.post;
        expect({ type, hasOperation: Boolean(operation) }).toEqual({ type, hasOperation: true });
        // 404 where the command needs a stream that exists (not for the commands that create one).
        const statuses = [
          '200',
          '400',
          '401',
          '403',
          ...(notFoundExample(type) ? ['404'] : []),
          '409',
          '412',
          '413',
          '415',
          '422',
          '503',
        ];
        expect({ type, statuses: Object.keys(operation.responses).sort() }).toEqual({
          type,
          statuses: statuses.sort(),
        });
        expect(operation.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${type}Dto`);
      }
      expect(body.components.schemas.RegisterInitiativeDto.required).toEqual(
        expect.arrayContaining(['initiativeId', 'name', 'kind', 'contact']),
      );
    });

    it('serves the OpenAPI UI', async () => {
      const { status, body } = await api.request('GET', '/docs');
      expect(status).toBe(200);
      expect(String(body)).toContain('swagger');
    });
  });
});
