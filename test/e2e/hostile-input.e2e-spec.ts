import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, ApiResponse, sendStory, startApi } from '../support/api-harness';

/**
 * The inputs of issue 15 that answered 500 or stored history that later broke reads. The fuzz suite
 * (test/fuzz) searches for more of their kind; these are the known ones, kept as plain examples.
 */
describe('hostile input over HTTP', () => {
  let api: ApiHarness;
  const tenant = 'musterstadt';
  const warnings: { msg: string; count?: number; uninterpretable?: unknown[] }[] = [];

  beforeAll(async () => {
    const logs = new Writable({ write: (chunk, _, done) => done(void warnings.push(JSON.parse(String(chunk)))) });
    api = await startApi({ logger: pino({ level: 'warn' }, logs) });
    await sendStory(api, tenant);
    await api.project();
  }, 180_000);
  afterAll(() => api.close());

  const expectInvalid = (response: ApiResponse, field?: string) => {
    expect({ status: response.status, code: response.body?.code }).toEqual({ status: 400, code: 'REQUEST.INVALID' });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field !== undefined) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };
  const analyst = (path: string) => api.get(path, tenant, ['analyst']);
  const auditor = (path: string) => api.get(path, tenant, ['auditor']);

  describe('dates in command bodies: real calendar dates in 1900-2199', () => {
    const commitment = (dueOn: string) => ({ ...commandExamples.MakeCommitment, commitmentId: randomUUID(), dueOn });

    it.each(['2026-02-30', '2026-13-45', '0000-01-01', '0099-06-01', '1899-12-31', '2200-01-01', '9999-12-31'])(
      'dueOn %s is 400 naming dueOn',
      async (dueOn) => {
        expectInvalid(await api.command('MakeCommitment', commitment(dueOn)), 'dueOn');
      },
    );

    it('the first and last supported days are accepted', async () => {
      expect((await api.command('MakeCommitment', commitment('1900-01-01'))).status).toBe(200);
      expect((await api.command('MakeCommitment', commitment('2199-12-31'))).status).toBe(200);
    });

    it('newDueOn out of range is 400 naming newDueOn', async () => {
      expectInvalid(
        await api.command('RenegotiateCommitment', {
          ...commandExamples.RenegotiateCommitment,
          newDueOn: '9999-12-31',
        }),
        'newDueOn',
      );
    });

    it.each(['0000-06-01T10:00:00Z', '1899-12-31T23:59:59Z', '2026-02-30T10:00:00Z', '2026-13-45T10:00:00+01:00'])(
      'occurredAt %s is 400 naming occurredAt',
      async (occurredAt) => {
        expectInvalid(
          await api.command('RegisterUnit', {
            unitId: randomUUID(),
            name: 'Kulturamt',
            isContactPoint: false,
            occurredAt,
          }),
          'occurredAt',
        );
      },
    );

    it('a budget period outside the range is 400 naming period', async () => {
      expectInvalid(
        await api.command('SetStaffTimeBudget', { ...commandExamples.SetStaffTimeBudget, period: '0050-01' }),
        'period',
      );
    });
  });

  describe('dates and numbers in query parameters', () => {
    it.each(['2026-02-30', '2026-13-45', '0099-06-01', '9999-12-31', '0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z'])(
      'asOf=%s is 400 naming asOf',
      async (asOf) => {
        expectInvalid(await analyst(`/v1/metrics/summary?asOf=${asOf}`), 'asOf');
        expectInvalid(await analyst(`/v1/cases/${exampleIds.case}/metrics?asOf=${asOf}`), 'asOf');
      },
    );

    it.each([
      ['from', '2026-02-30'],
      ['to', '9999-12-31'],
      ['from', '0099-06-01'],
    ])('summary %s=%s is 400', async (field, value) => {
      expectInvalid(await analyst(`/v1/metrics/summary?${field}=${value}`), field);
    });

    it.each([
      ['0050-01', '2026-01', 'from'],
      ['2026-01', '9999-12', 'to'],
      ['2026-13', '2026-12', 'from'],
    ])('timeseries from=%s to=%s is 400', async (from, to, field) => {
      expectInvalid(await analyst(`/v1/metrics/timeseries?from=${from}&to=${to}`), field);
    });

    it('the supported bounds are accepted in query parameters', async () => {
      expect((await analyst('/v1/metrics/summary?asOf=2199-12-31&from=1900-01-01&to=2199-12-31')).status).toBe(200);
      expect((await analyst('/v1/metrics/timeseries?from=2199-01&to=2199-12')).status).toBe(200);
    });

    it.each([
      ['fromVersion', `/v1/audit/streams/case-${exampleIds.case}/events?fromVersion=9223372036854775808`],
      ['asOfPosition', `/v1/audit/streams/case-${exampleIds.case}/state?asOfPosition=1e20`],
      ['afterPosition', `/v1/audit/cases/${exampleIds.case}/timeline?afterPosition=1e308`],
      ['asOfRecordedAt', `/v1/audit/streams/case-${exampleIds.case}/state?asOfRecordedAt=0000-01-01T00:00:00Z`],
      ['from', '/v1/audit/export?from=2026-02-30T00:00:00Z'],
    ])('audit %s beyond what the store can hold is 400', async (field, path) => {
      expectInvalid(await auditor(path), field);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'the query parameter %s is 400 like any unknown one',
      async (key) => {
        const response = await analyst(`/v1/metrics/summary?${key}=x`);
        expect({ status: response.status, code: response.body?.code }).toEqual({
          status: 400,
          code: 'REQUEST.INVALID',
        });
      },
    );

    it('a NUL byte or another control character in a query string is 400 naming the parameter', async () => {
      expectInvalid(await analyst('/v1/cases?category=a%00b'), 'category');
      expectInvalid(await analyst('/v1/metrics/summary?category=%00'), 'category');
      expectInvalid(await analyst('/v1/cases?category=a%1Bb'), 'category');
      expectInvalid(await auditor('/v1/audit/export?streamId=case-%00'), 'streamId');
    });
  });

  describe('bodies', () => {
    it('JSON nested deeper than the limit is 400 before anything walks it', async () => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      expectInvalid(
        await api.command(
          'RegisterUnit',
          `{"unitId":"${randomUUID()}","name":"x","isContactPoint":false,"deep":${deep}}`,
        ),
      );
      const deepArray = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      expectInvalid(await api.command('RegisterUnit', deepArray));
    });

    it('a lone surrogate anywhere is 400 naming the field', async () => {
      const body = {
        ...commandExamples.RegisterInitiative,
        initiativeId: randomUUID(),
        contact: { name: 'A. Demir', email: '\ud800' },
      };
      expectInvalid(await api.command('RegisterInitiative', body), 'contact.email');
      expectInvalid(
        await api.command('RegisterUnit', { unitId: randomUUID(), name: 'Amt \udc00', isContactPoint: false }),
        'name',
      );
    });

    it('a NUL or control character in any body string is 400 naming the field', async () => {
      expectInvalid(
        await api.command('RegisterUnit', { unitId: randomUUID(), name: 'Amt\u0000', isContactPoint: false }),
        'name',
      );
      const body = {
        ...commandExamples.RegisterInitiative,
        initiativeId: randomUUID(),
        contact: { name: 'A.\u0000Demir' },
      };
      expectInvalid(await api.command('RegisterInitiative', body), 'contact.name');
    });

    it.each(['prototype', 'hasOwnProperty', 'toString', 'valueOf', '__proto__', 'constructor', 'isPrototypeOf'])(
      'the unknown key %s is 400 like any other',
      async (key) => {
        const body = `{"unitId":"${randomUUID()}","name":"Kulturamt","isContactPoint":false,"${key}":{"x":1}}`;
        expectInvalid(await api.command('RegisterUnit', body), key);
        const nested = { ...commandExamples.RegisterInitiative, initiativeId: randomUUID() };
        const text = JSON.stringify(nested).replace('"contact":{', `"contact":{"${key}":"1",`);
        expectInvalid(await api.command('RegisterInitiative', text), `contact.${key}`);
      },
    );
  });

  describe('requests refused before any controller', () => {
    const expectProblem = (response: ApiResponse, status: number, code: string) => {
      expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    };

    it('a path that is not valid percent-encoding is 400 problem+json', async () => {
      expectProblem(await analyst('/v1/cases/%'), 400, 'REQUEST.INVALID');
      expectProblem(await analyst('/v1/cases/%E0%A4%A'), 400, 'REQUEST.INVALID');
    });

    it('an over-long path segment is 414 and oversized headers are 431, both problem+json', async () => {
      expectProblem(await analyst(`/v1/cases/${'a'.repeat(500)}`), 414, 'REQUEST.TOO_LARGE');
      expectProblem(
        await api.request('GET', '/v1/cases', { headers: { 'x-padding': 'p'.repeat(20_000) } }),
        431,
        'REQUEST.TOO_LARGE',
      );
    });
  });

  describe('history stored before these checks existed is read defensively', () => {
    const poisoned = randomUUID();
    beforeAll(async () => {
      const meta = { actor: { subject: 'legacy', role: 'clerk' }, correlationId: 'legacy', causationId: 'legacy' };
      const event = (type: string, data: Record<string, unknown>, occurredAt = new Date('2026-01-05T10:00:00Z')) => ({
        eventId: randomUUID(),
        type,
        schemaVersion: 1,
        data,
        occurredAt,
        metadata: meta,
      });
      await api.store.append(
        tenant,
        `case-${poisoned}`,
        [
          event('RequestSubmitted', {
            caseId: poisoned,
            initiativeId: exampleIds.initiative,
            title: 'Alt',
            description: 'Alt',
            category: 'legacy',
            channel: 'contact_point',
            requestedSupport: [],
          }),
          event('CommitmentMade', {
            caseId: poisoned,
            commitmentId: randomUUID(),
            promisor: 'administration',
            description: 'far',
            dueOn: '9999-12-31',
          }),
          event('CommitmentMade', {
            caseId: poisoned,
            commitmentId: randomUUID(),
            promisor: 'administration',
            description: 'early',
            dueOn: '0050-06-01',
          }),
          event('CommitmentMade', {
            caseId: poisoned,
            commitmentId: randomUUID(),
            promisor: 'initiative',
            description: 'garbage',
            dueOn: 'soon',
          }),
        ],
        'no_stream',
      );
      await api.project();
    });

    it("the case's metrics answer, the uninterpretable commitment reported", async () => {
      const response = await analyst(`/v1/cases/${poisoned}/metrics?asOf=2026-06-30`);
      expect(response.status).toBe(200);
      expect(response.body.data.commitments.administration).toMatchObject({ open: 1, overdue: 1 });
      expect(response.body.data.uninterpretable).toEqual([
        expect.objectContaining({ caseId: poisoned, list: 'commitments' }),
      ]);
    });

    it('the summary, the time series and the initiative answer for the whole tenant, naming the case', async () => {
      for (const path of ['/v1/metrics/summary?asOf=2026-06-30', `/v1/initiatives/${exampleIds.initiative}/metrics`]) {
        const response = await analyst(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.body.data.uninterpretable).toEqual([expect.objectContaining({ caseId: poisoned })]);
      }
      const series = await analyst('/v1/metrics/timeseries?from=2026-01&to=2026-03');
      expect(series.status).toBe(200);
      expect(series.body.data).toHaveLength(3);
      expect(series.body.data[2].uninterpretable).toEqual([expect.objectContaining({ caseId: poisoned })]);
      const logged = warnings.filter((line) => /cannot interpret/.test(line.msg));
      expect(logged.length).toBeGreaterThanOrEqual(3);
      expect(logged[0].uninterpretable).toEqual([expect.objectContaining({ caseId: poisoned, list: 'commitments' })]);
    });

    it('the dormant filter of the case list answers, without INVALID_CURSOR', async () => {
      for (const dormant of ['true', 'false']) {
        const response = await analyst(`/v1/cases?dormant=${dormant}`);
        expect({ dormant, status: response.status }).toEqual({ dormant, status: 200 });
      }
    });
  });

  it('the service is still healthy', async () => {
    expect((await api.request('GET', '/health/ready')).status).toBe(200);
  });
});
