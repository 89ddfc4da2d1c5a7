import { randomUUID } from 'node:crypto';
import { commandExampleSequence, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, ApiResponse, startApi } from '../support/api-harness';

/**
 * Tenant isolation as a property of every read route. Two municipalities tell the same story under
 * the same ids (the API lets every tenant choose its own), each with its own words (free text
 * marked `~tenant~`), its own amounts and some records of its own. Every query and audit route of
 * the OpenAPI document is asked as each tenant with every filter, as JSON and CSV, following every
 * cursor: no answer may name the other tenant's marker or private ids, and tenant A's answers must be
 * the same before and after tenant B's data arrived.
 */
const A = 'musterstadt';
const B = 'nachbarort';
const READER_TAGS: Record<string, string> = { queries: 'analyst', audit: 'auditor' };
const DORMANT_SINCE = '2024-01-10T09:00:00Z';
const IN_AN_HOUR = new Date(Date.now() + 3_600_000).toISOString();

interface Records {
  initiative: string;
  unit: string;
  fund: string;
  freshCase: string;
  dormantCase: string;
  category: string;
}

interface Asked {
  readonly label: string;
  readonly response: ApiResponse;
  /** Computed as of the moment asked (a route with asOf, asked without): it moves with the clock. */
  readonly asOfNow: boolean;
}

/** Amounts and counts differ per tenant, so a row of the other tenant under a shared id shows. */
const scale = (tenant: string) => (tenant === A ? 1 : 3);

function inWordsOf(tenant: string, value: unknown, key = ''): unknown {
  if (typeof value === 'string') return / /.test(value) ? `${value} ~${tenant}~` : value;
  if (typeof value === 'number' && /Cents$|^hours$|^activeMembers$|^durationMinutes$/.test(key))
    return value * scale(tenant);
  if (Array.isArray(value)) return value.map((item) => inWordsOf(tenant, item, key));
  if (value && typeof value === 'object') {
    // A contact keeps its format: only the name is marked (the auditors' subject access shows it).
    if (key === 'contact') return { ...value, name: `${(value as { name: string }).name} ~${tenant}~` };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inWordsOf(tenant, v, k)]));
  }
  return value;
}

const recordsOf = (tenant: string): Records => ({
  initiative: randomUUID(),
  unit: randomUUID(),
  fund: randomUUID(),
  freshCase: randomUUID(),
  dormantCase: randomUUID(),
  category: `eigenes-${tenant}`,
});

async function tellStory(api: ApiHarness, tenant: string, own: Records): Promise<void> {
  const send = async (type: string, body: object) => {
    const response = await api.command(type, inWordsOf(tenant, body), { tenant });
    if (response.status !== 200) throw new Error(`${tenant} ${type}: ${JSON.stringify(response.body)}`);
  };
  for (const { type, body } of commandExampleSequence) await send(type, body);
  await send('RegisterInitiative', {
    initiativeId: own.initiative,
    name: 'Initiative für sich',
    kind: 'association',
    district: 'Süd',
    contact: { name: 'Eva Muster', email: 'eva@example.org' },
  });
  await send('RegisterUnit', { unitId: own.unit, name: 'Amt für sich', isContactPoint: false });
  await send('SetStaffTimeBudget', { unitId: own.unit, period: '2026-Q1', hours: 40 });
  await send('OpenFund', { fundId: own.fund, name: 'Fonds für sich', year: 2026, budgetCents: 700_000 });
  for (const [caseId, occurredAt] of [
    [own.dormantCase, DORMANT_SINCE],
    [own.freshCase, undefined],
  ] as const) {
    await send('SubmitRequest', {
      caseId,
      initiativeId: own.initiative,
      title: 'Ein Fall für sich',
      description: 'Nur in dieser Gemeinde',
      category: own.category,
      channel: 'online',
      requestedSupport: ['advice'],
      ...(occurredAt ? { occurredAt } : {}),
    });
    await send('AssignContactPerson', {
      caseId,
      staffRef: 'eigen/k.muster',
      unitId: own.unit,
      handoverNote: 'Zuständig ab heute',
      ...(occurredAt ? { occurredAt } : {}),
    });
  }
  await send('ApplyForFunding', {
    caseId: own.freshCase,
    applicationId: randomUUID(),
    fundId: own.fund,
    amountRequestedCents: 70_000,
    purpose: 'Material für sich',
  });
}

interface Operation {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly tag: string;
  readonly parameters: { name: string; in: 'path' | 'query'; required?: boolean; schema: Record<string, any> }[];
  readonly bodyFields: string[];
  readonly csv: boolean;
}

/** Every query and audit operation the service documents. */
function readOperations(doc: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post'] as const) {
      const op = item[method];
      const tag = op?.tags?.find((t: string) => t in READER_TAGS);
      if (!tag) continue;
      const bodyRef: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const bodySchema = bodyRef ? doc.components.schemas[bodyRef.split('/').pop()!] : undefined;
      const csv = Object.values<any>(op.responses ?? {}).some((r) => r.content && 'text/csv' in r.content);
      operations.push({
        method,
        path,
        tag,
        parameters: op.parameters ?? [],
        bodyFields: Object.keys(bodySchema?.properties ?? {}),
        csv,
      });
    }
  }
  return operations;
}

const streamsOf = (ids: Records) => [
  `case-${ids.freshCase}`,
  `case-${ids.dormantCase}`,
  `initiative-${ids.initiative}`,
  `unit-${ids.unit}`,
  `fund-${ids.fund}`,
];
const shared = {
  caseId: [exampleIds.case],
  initiativeId: [exampleIds.initiative],
  unitId: [exampleIds.contactPointUnit, exampleIds.buildingUnit],
  fundId: [exampleIds.fund],
  streamId: [
    `case-${exampleIds.case}`,
    `initiative-${exampleIds.initiative}`,
    `unit-${exampleIds.buildingUnit}`,
    `fund-${exampleIds.fund}`,
  ],
};

/** The values to try for a parameter: the shared ids and both tenants' own (a tenant must not reach the other's), or a valid value of the filter. */
function valuesFor(name: string, schema: Record<string, any>, path: string, own: Records[]): string[] {
  const mine = (pick: (r: Records) => string[]) => own.flatMap(pick);
  switch (name) {
    case 'caseId':
      return [...shared.caseId, ...mine((r) => [r.freshCase, r.dormantCase])];
    case 'initiativeId':
      return [...shared.initiativeId, ...mine((r) => [r.initiative])];
    case 'unitId':
      return [...shared.unitId, ...mine((r) => [r.unit])];
    case 'fundId':
      return [...shared.fundId, ...mine((r) => [r.fund])];
    case 'streamId':
      return [...shared.streamId, ...mine(streamsOf)];
    case 'kind':
      return schema.enum;
    case 'id':
      return [exampleIds.initiative, exampleIds.case, ...mine((r) => [r.initiative, r.freshCase])];
    case 'category':
      return ['stadtteilentwicklung', ...mine((r) => [r.category])];
    case 'stage':
    case 'status':
    case 'proof':
      if (!schema.enum)
        throw new Error(`${path}: parameter ${name} is no longer an enumeration; teach this test its values`);
      return schema.enum;
    case 'afterId':
      return ['0'];
    case 'dormant':
      return ['true', 'false'];
    case 'limit':
      return ['1'];
    case 'locale':
      return schema.enum;
    case 'cursor':
      return []; // followed from each page's nextCursor
    case 'asOf':
      return ['2026-12-31', '2026-06-30T12:00:00+02:00'];
    case 'period':
      return ['2026-Q1', '2026-03'];
    case 'fromVersion':
      return ['2'];
    case 'afterPosition':
      return ['0', '5'];
    case 'asOfPosition':
      return ['1000000'];
    case 'asOfRecordedAt':
      return [IN_AN_HOUR];
    case 'from':
      return path.includes('timeseries')
        ? ['2023-01']
        : schema.format === 'date-time'
          ? ['2020-01-01T00:00:00Z']
          : ['2020-01-01'];
    case 'to':
      return path.includes('timeseries')
        ? ['2027-12']
        : schema.format === 'date-time'
          ? ['2100-01-01T00:00:00Z']
          : ['2030-12-31'];
    default:
      throw new Error(`${path}: no values for parameter ${name}; teach this test what to ask with it`);
  }
}

/** A request per value of each parameter (required ones always set, the others one at a time), following cursors. */
async function askAll(api: ApiHarness, operations: Operation[], tenant: string, own: Records[]): Promise<Asked[]> {
  const token = await api.token(tenant, ...Object.values(READER_TAGS));
  const asked: Asked[] = [];
  let asOfNow = false;
  const ask = async (label: string, method: string, url: string, body?: object, accept = 'application/json') => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept };
    if (body) headers['content-type'] = 'application/json';
    const response = await api.request(method.toUpperCase(), url, { headers, body: body && JSON.stringify(body) });
    asked.push({ label, response, asOfNow });
    return response;
  };
  for (const op of operations) {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const query = op.parameters.filter((p) => p.in === 'query');
    let paths = [op.path];
    for (const p of pathParams)
      paths = paths.flatMap((path) =>
        valuesFor(p.name, p.schema, op.path, own).map((v) => path.replace(`{${p.name}}`, encodeURIComponent(v))),
      );
    const required = Object.fromEntries(
      query.filter((p) => p.required).map((p) => [p.name, valuesFor(p.name, p.schema, op.path, own)[0]]),
    );
    const variants: Record<string, string>[] = [required];
    for (const p of query.filter((q) => !q.required))
      for (const v of valuesFor(p.name, p.schema, op.path, own)) variants.push({ ...required, [p.name]: v });
    for (const path of paths) {
      if (op.method === 'post') {
        const bodies: Record<string, string>[] = [{}];
        for (const field of op.bodyFields)
          for (const v of valuesFor(field, {}, op.path, own)) bodies.push({ [field]: v });
        for (const body of bodies) await ask(`POST ${path} ${JSON.stringify(body)}`, 'post', path, body);
        continue;
      }
      for (const variant of variants) {
        asOfNow = query.some((p) => p.name === 'asOf') && !variant.asOf;
        let params = new URLSearchParams(variant);
        for (let page = 0; page < 50; page += 1) {
          const url = `${path}?${params}`;
          // A cursor may pin the first page's T (the fund routes' do): the label names the page, not the cursor.
          const label = page === 0 ? `GET ${url}` : `GET ${path}?${new URLSearchParams(variant)} page ${page + 1}`;
          const { body } = await ask(label, 'get', url);
          if (op.csv && page === 0) await ask(`GET ${url} as CSV`, 'get', url, undefined, 'text/csv');
          const next = body?.data?.nextCursor;
          if (!next) break;
          params = new URLSearchParams({ ...variant, cursor: next });
        }
      }
    }
  }
  return asked;
}

const text = ({ body }: ApiResponse) => (typeof body === 'string' ? body : JSON.stringify(body));
/**
 * What may differ between two askings of the same question: the read-model position (it moves with
 * any tenant's events), each request's correlation id, how long a verification took and when an
 * export or a subject access report was made.
 */
const comparable = ({ status, body }: ApiResponse) => ({
  status,
  body:
    typeof body === 'string'
      ? body.replace(/"generatedAt":"[^"]*"/, '"generatedAt":"…"').replace(/"sha256":"[^"]*"}}\n$/, '"sha256":"…"}}')
      : body && typeof body === 'object'
        ? { ...body, position: undefined, correlationId: undefined, durationMs: undefined, generatedAt: undefined }
        : body,
});

function leaksOf(asked: Asked[], other: string, otherOwn: Records): string[] {
  const foreign = [
    `~${other}~`,
    otherOwn.category,
    ...Object.values(otherOwn).filter((id) => id !== otherOwn.category),
  ];
  // An id the request itself names may come back in its 404; any other of the other tenant's must not.
  return asked.flatMap(({ label, response }) =>
    foreign
      .filter((needle) => !label.includes(needle) && text(response).includes(needle))
      .map((needle) => `${label} (${response.status}) names ${needle}`),
  );
}

describe('tenant isolation on every read route', () => {
  let api: ApiHarness;
  let operations: Operation[];
  const ownA = recordsOf(A);
  const ownB = recordsOf(B);
  let aloneA: Asked[];

  beforeAll(async () => {
    // Amounts are scaled per tenant, and so is the four-eyes threshold: the story's awards stay on the same side of it.
    api = await startApi({ tenantRules: (tenant) => ({ fourEyesThresholdCents: 500_000 * scale(tenant) }) });
    operations = readOperations((await api.request('GET', '/docs-json')).body);
    await tellStory(api, A, ownA);
    await api.project();
    // Tenant B's ids are asked for before they exist too, so both runs ask exactly the same.
    aloneA = await askAll(api, operations, A, [ownA, ownB]);
    await tellStory(api, B, ownB);
    await api.project();
  }, 300_000);
  afterAll(() => api?.close());

  it('finds every query and audit route in the OpenAPI document', () => {
    const routes = operations.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /v1/cases',
        'GET /v1/funds/{fundId}',
        'GET /v1/units/{unitId}/staff-time',
        'GET /v1/audit/export',
        'POST /v1/audit/verify',
      ]),
    );
    expect(operations.filter((op) => op.csv).map((op) => op.path)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/metrics/summary']),
    );
  });

  it("no answer to one tenant names anything of the other's, as JSON, CSV or on a later page", async () => {
    const [asA, asB] = [await askAll(api, operations, A, [ownA, ownB]), await askAll(api, operations, B, [ownA, ownB])];
    expect([...leaksOf(asA, B, ownB), ...leaksOf(asB, A, ownA)]).toEqual([]);
    // Not vacuous: each tenant sees its own records, in words of its own.
    for (const [asked, tenant, own] of [
      [asA, A, ownA],
      [asB, B, ownB],
    ] as const) {
      const all = asked
        .filter(({ response }) => response.status === 200)
        .map(({ response }) => text(response))
        .join('\n');
      expect(all).toContain(`~${tenant}~`);
      for (const id of [own.freshCase, own.dormantCase, own.fund, own.unit, own.initiative]) expect(all).toContain(id);
      expect(
        asked.filter(
          ({ label, response }) => label.includes('dormant=true') && text(response).includes(own.dormantCase),
        ),
      ).not.toHaveLength(0);
    }
  });

  it("one tenant's answers do not change when the other's data arrives", async () => {
    const now = await askAll(api, operations, A, [ownA, ownB]);
    expect(now.map(({ label }) => label)).toEqual(aloneA.map(({ label }) => label));
    const changed = now.filter(
      (asked, i) =>
        !asked.asOfNow && JSON.stringify(comparable(asked.response)) !== JSON.stringify(comparable(aloneA[i].response)),
    );
    expect(now.filter((asked) => !asked.asOfNow).length).toBeGreaterThan(now.length / 2);
    expect(changed.map(({ label }) => label)).toEqual([]);
  });
});
