import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

type Operation = { operationId?: string; requestBody?: any; responses: Record<string, any>; description?: string };

/** The query routes and the component schema each answers with. */
const QUERY_ROUTES: Record<string, { path: string; schema: string }> = {
  listCases: { path: '/v1/cases?limit=1', schema: 'CasePage' },
  getCase: { path: `/v1/cases/${exampleIds.case}`, schema: 'CaseAnswer' },
  getCaseMetrics: { path: `/v1/cases/${exampleIds.case}/metrics`, schema: 'CaseMetricsAnswer' },
  getInitiative: { path: `/v1/initiatives/${exampleIds.initiative}`, schema: 'InitiativeAnswer' },
  getInitiativeMetrics: {
    path: `/v1/initiatives/${exampleIds.initiative}/metrics?asOf=2030-01-01`,
    schema: 'InitiativeMetricsAnswer',
  },
  getMetricsSummary: { path: '/v1/metrics/summary', schema: 'SummaryAnswer' },
  getMetricsTimeseries: { path: '/v1/metrics/timeseries?from=2025-11&to=2026-02', schema: 'TimeseriesAnswer' },
  getUnitStaffTime: {
    path: `/v1/units/${exampleIds.contactPointUnit}/staff-time?period=2026-Q1`,
    schema: 'StaffTimeAnswer',
  },
  getFund: { path: `/v1/funds/${exampleIds.fund}`, schema: 'FundAnswer' },
};

/** The OpenAPI document as served, checked for what generated clients rely on, and live answers validated against it. */
describe('OpenAPI document (/docs-json)', () => {
  let api: ApiHarness;
  let document: any;
  let operations: [string, string, Operation][];
  let ajv: Ajv2020;
  const validate = (schema: object, value: unknown) => {
    const check = ajv.compile(schema);
    return check(value) ? [] : check.errors;
  };

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api);
    await api.project();
    document = (await api.request('GET', '/docs-json')).body;
    operations = Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item).map(
        ([method, operation]) =>
          [`${method.toUpperCase()} ${path}`, method, operation as Operation] as [string, string, Operation],
      ),
    );
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
  });
  afterAll(() => api?.close());

  const componentRef = (schema: object) =>
    JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"doc#/components'));

  it('is OpenAPI 3.1 with a stable, unique operationId on every operation', () => {
    expect(document.openapi).toBe('3.1.0');
    const ids = operations.map(([, , operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of Object.keys(QUERY_ROUTES)) expect(ids).toContain(id);
    for (const id of [
      'startProjectionRebuild',
      'getProjectionStatus',
      'getLiveness',
      'getReadiness',
      'auditVerify',
      'SubmitRequest',
      'CloseCase',
    ])
      expect(ids).toContain(id);
    // No operationId is a bare method name (what Nest makes up when a route names none).
    expect(
      ids.filter((id) =>
        /^(list|get|metrics|summary|timeseries|start|status|live|readiness|fund|initiative)$/.test(String(id)),
      ),
    ).toEqual([]);
  });

  it('declares a schema for every 2xx answer and no Nest 3.0 leftovers', () => {
    for (const [name, , operation] of operations) {
      const ok = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ name, ok: ok.length }).toEqual({ name, ok: 1 });
      const content = ok[0][1].content ?? {};
      expect({ name, media: Object.keys(content).length > 0 }).toEqual({ name, media: true });
      for (const media of Object.values(content) as { schema?: object }[])
        expect({ name, schema: Boolean(media.schema) }).toEqual({ name, schema: true });
    }
    expect(JSON.stringify(document)).not.toMatch(/"nullable":|"exclusiveMinimum":true|"exclusiveMaximum":true/);
  });

  it('describes every error as application/problem+json with the shared Problem schema and an example of that status', () => {
    expect(document.components.schemas.Problem).toBeDefined();
    expect(document.components.schemas.ProblemDto).toBeUndefined();
    for (const [name, , operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) >= 400)) {
        expect({ name, status, media: Object.keys(response.content) }).toEqual({
          name,
          status,
          media: ['application/problem+json'],
        });
        const media = response.content['application/problem+json'];
        expect(media.schema).toEqual({ $ref: '#/components/schemas/Problem' });
        const examples = Object.values(media.examples) as { value: any }[];
        expect(examples.length).toBeGreaterThan(0);
        for (const { value } of examples) {
          expect({ name, status: value.status }).toEqual({ name, status: Number(status) });
          expect(value.type).toBe(`https://koproduktiv.de/problems/${value.code.toLowerCase().replace(/[._]/g, '-')}`);
          expect(validate(componentRef({ $ref: '#/components/schemas/Problem' }), value)).toEqual([]);
        }
      }
    }
    const conflict =
      document.paths['/v1/commands/CloseCase'].post.responses['409'].content['application/problem+json'].examples;
    expect(Object.values(conflict).map((e: any) => e.value.code)).toEqual(['CASE.CLOSED']);
    const invalid =
      document.paths['/v1/commands/CloseCase'].post.responses['400'].content['application/problem+json'].examples;
    expect(Object.values(invalid).map((e: any) => [e.value.status, e.value.code])).toEqual([[400, 'REQUEST.INVALID']]);
  });

  it('gives every command body the curated example of examples.ts', () => {
    for (const [type, example] of Object.entries(commandExamples)) {
      const body = document.paths[`/v1/commands/${type}`].post.requestBody.content['application/json'];
      expect(Object.values(body.examples).map((e: any) => e.value)).toEqual([example]);
    }
  });

  it("gives every id in a query route's path a UUID schema and the example ids", () => {
    for (const id of Object.keys(QUERY_ROUTES)) {
      const [name, , operation] = operations.find(([, , o]) => o.operationId === id)!;
      const pathParams = ((operation as any).parameters ?? []).filter((p: any) => p.in === 'path');
      expect({ name, names: pathParams.map((p: any) => p.name) }).toEqual({
        name,
        names: [...new Set(pathParams.map((p: any) => p.name))],
      });
      for (const param of pathParams) {
        expect({
          name,
          param: param.name,
          format: param.schema.format,
          example: Object.values(exampleIds).includes(param.example),
        }).toEqual({ name, param: param.name, format: 'uuid', example: true });
      }
    }
  });

  it('links the metric definitions from every metric route', () => {
    for (const id of [
      'getCaseMetrics',
      'getInitiativeMetrics',
      'getMetricsSummary',
      'getMetricsTimeseries',
      'getUnitStaffTime',
      'getFund',
    ]) {
      const [, , operation] = operations.find(([, , o]) => o.operationId === id)!;
      expect({ id, description: operation.description }).toEqual({
        id,
        description: expect.stringContaining('docs/METRICS.md'),
      });
    }
  });

  it.each(Object.entries(QUERY_ROUTES))('%s answers what its schema says', async (operationId, { path, schema }) => {
    const [, , operation] = operations.find(([, , o]) => o.operationId === operationId)!;
    expect(operation.responses['200'].content['application/json'].schema).toEqual({
      $ref: `#/components/schemas/${schema}`,
    });
    const response = await api.get(path, 'musterstadt', ['analyst']);
    expect(response.status).toBe(200);
    expect(validate(componentRef({ $ref: `#/components/schemas/${schema}` }), response.body)).toEqual([]);
  });

  it("getWorklist answers what its schema says (the example story's items, for a clerk)", async () => {
    const [, , operation] = operations.find(([, , o]) => o.operationId === 'getWorklist')!;
    expect(operation.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/WorklistAnswer',
    });
    const response = await api.get('/v1/worklist?within=366', 'musterstadt', ['clerk']);
    expect(response.status).toBe(200);
    expect(response.body.data.items.length).toBeGreaterThan(0);
    expect(validate(componentRef({ $ref: '#/components/schemas/WorklistAnswer' }), response.body)).toEqual([]);
  });

  it("getCase answers what its schema says for a clerk (the case file with the story's applications), and its example is valid", async () => {
    const response = await api.get(`/v1/cases/${exampleIds.case}`, 'musterstadt', ['clerk']);
    expect(response.status).toBe(200);
    expect(response.body.data.file.applications.length).toBeGreaterThan(0);
    expect(validate(componentRef({ $ref: '#/components/schemas/CaseAnswer' }), response.body)).toEqual([]);
    const application = document.components.schemas.CaseFileApplication;
    expect(application.examples.length).toBeGreaterThan(0);
    for (const example of application.examples) {
      expect(validate(componentRef({ $ref: '#/components/schemas/CaseFileApplication' }), example)).toEqual([]);
    }
  });

  it('operations and health routes answer what their schemas say', async () => {
    const admin = await api.get('/v1/admin/projections', 'musterstadt', ['operator']);
    expect(validate(componentRef({ $ref: '#/components/schemas/ProjectionsStatus' }), admin.body)).toEqual([]);
    expect(
      validate(
        componentRef({ $ref: '#/components/schemas/Liveness' }),
        (await api.request('GET', '/health/live')).body,
      ),
    ).toEqual([]);
    expect(
      validate(
        componentRef({ $ref: '#/components/schemas/Readiness' }),
        (await api.request('GET', '/health/ready')).body,
      ),
    ).toEqual([]);
  });

  it('live errors match the Problem schema and their documented example', async () => {
    const documented = (path: string, method: string, status: number) =>
      (
        Object.values(
          document.paths[path][method].responses[String(status)].content['application/problem+json'].examples,
        )[0] as any
      ).value;
    const cases: [string, string, number, () => Promise<{ status: number; body: any; headers: Headers }>][] = [
      [
        '/v1/cases/{caseId}',
        'get',
        404,
        () => api.get('/v1/cases/0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1aff', 'musterstadt', ['analyst']),
      ],
      ['/v1/cases/{caseId}', 'get', 403, () => api.get(`/v1/cases/${exampleIds.case}`, 'musterstadt', ['auditor'])],
      ['/v1/metrics/summary', 'get', 401, () => api.request('GET', '/v1/metrics/summary')],
      ['/v1/commands/CloseCase', 'post', 400, () => api.command('CloseCase', { caseId: exampleIds.case })],
      [
        '/v1/commands/RecordInteraction',
        'post',
        409,
        async () => {
          expect((await api.command('CloseCase', commandExamples.CloseCase)).status).toBe(200);
          return api.command('RecordInteraction', {
            ...commandExamples.RecordInteraction,
            interactionId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1abc',
          });
        },
      ],
      [
        '/v1/commands/CloseCase',
        'post',
        404,
        () =>
          api.command('CloseCase', { ...commandExamples.CloseCase, caseId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1aff' }),
      ],
    ];
    for (const [path, method, status, send] of cases) {
      const response = await send();
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(validate(componentRef({ $ref: '#/components/schemas/Problem' }), response.body)).toEqual([]);
      const example = documented(path, method, status);
      expect({ path, code: response.body.code, title: response.body.title, type: response.body.type }).toEqual({
        path,
        code: example.code,
        title: example.title,
        type: example.type,
      });
    }
  });
});
