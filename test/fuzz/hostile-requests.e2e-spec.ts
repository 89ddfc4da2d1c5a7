import fc from 'fast-check';
import { exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';
import { KNOWN_PROBLEM_CODES } from './known-problem-codes';
import { FuzzContext, FuzzRequest, Operation, operationsOf, requestArbitrary } from './openapi-arbitraries';
import { READ_TAGS, readPlan } from './read-plan';

/**
 * Property: whatever a client sends to any route of the OpenAPI document, the answer is a 2xx, or a
 * 4xx application/problem+json with a known code; never a 5xx. Afterwards the service is healthy and
 * every read route still answers for the tenant the fuzzed commands wrote to.
 *
 * FUZZ_RUNS (default 3000) sets the number of requests, FUZZ_SEED replays a run (the seed is
 * printed), FUZZ_PATH additionally replays one counterexample as fast-check reported it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
const TENANT = 'fuzzstadt';
/** The rebuild replays the whole store into new tables: an operator's action with its own tests, far too slow to call thousands of times. */
const NOT_FUZZED = new Set(['POST /v1/admin/projections/rebuild']);

/** An initiative, a case, a unit and a fund that are open for whatever the fuzzer sends (fixed ids: a seed replays the same requests). */
const open = {
  initiative: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f2a01',
  case: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f2a02',
  unit: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f2a03',
  fund: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f2a04',
};
const openRecords: [string, object][] = [
  [
    'RegisterInitiative',
    {
      initiativeId: open.initiative,
      name: 'Offene Initiative',
      kind: 'association',
      contact: { name: 'Eva Muster', email: 'eva@example.org' },
    },
  ],
  ['RegisterUnit', { unitId: open.unit, name: 'Offenes Amt', isContactPoint: true }],
  ['OpenFund', { fundId: open.fund, name: 'Offener Fonds', year: 2026, budgetCents: 100_000_000 }],
  [
    'SubmitRequest',
    {
      caseId: open.case,
      initiativeId: open.initiative,
      title: 'Offener Fall',
      description: 'Für den Fuzzer',
      category: 'fuzz',
      channel: 'online',
      requestedSupport: ['advice'],
    },
  ],
];

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

describe(`hostile requests to every route (fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`, () => {
  let api: ApiHarness;
  let ctx: FuzzContext;
  let operations: Operation[];
  const written = new Set<string>(exampleStreams());

  beforeAll(async () => {
    process.stdout.write(`[fuzz] seed ${SEED}, ${RUNS} requests; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);
    api = await startApi();
    await sendStory(api, TENANT);
    // The story ends with its case closed and its initiative dissolved: fresh ones take what is refused there.
    for (const [type, body] of openRecords) {
      const response = await api.command(type, body, { tenant: TENANT });
      if (response.status !== 200) throw new Error(`${type}: ${JSON.stringify(response.body)}`);
      written.add(response.body.streamId);
    }
    await api.project();
    const doc = (await api.request('GET', '/docs-json')).body;
    operations = operationsOf(doc).filter((op) => !NOT_FUZZED.has(`${op.method} ${op.path}`));
    const tokens = Object.fromEntries(
      await Promise.all(
        ['clerk', 'analyst', 'auditor', 'admin', 'operator'].map(async (role) => [role, await api.token(TENANT, role)]),
      ),
    );
    const own = tokens.clerk as string;
    const forged = own.replace(
      /\.([^.])([^.]*)$/,
      (_, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}`,
    );
    ctx = {
      doc,
      knownIds: {
        caseId: [exampleIds.case, open.case],
        initiativeId: [exampleIds.initiative, open.initiative],
        unitId: [exampleIds.contactPointUnit, exampleIds.buildingUnit, open.unit],
        fundId: [exampleIds.fund, open.fund],
        applicationId: [exampleIds.application, exampleIds.rejectedApplication],
        commitmentId: [exampleIds.commitment, exampleIds.withdrawnCommitment],
        interactionId: [exampleIds.interaction],
        supportId: [exampleIds.support],
        agreementId: [exampleIds.agreement],
      },
      knownStreams: [...written],
      tokens,
      hostileTokens: [
        await api.token('nachbarort', 'clerk'),
        await api.token(TENANT),
        forged,
        'e30.e30.',
        own.split('.').slice(0, 2).join('.'),
      ],
    };
  }, 180_000);
  afterAll(() => api.close());

  const send = async (request: FuzzRequest): Promise<Answer> => {
    const response = await fetch(`${api.baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };

  /** Why an answer breaks the promise, or undefined if it keeps it. */
  const brokenPromise = (answer: Answer): string | undefined => {
    if (answer.status >= 500) return `status ${answer.status}: ${answer.text.slice(0, 500)}`;
    if (answer.status < 400) return undefined;
    if (!answer.contentType.startsWith('application/problem+json'))
      return `${answer.status} as ${answer.contentType}: ${answer.text.slice(0, 200)}`;
    const problem = JSON.parse(answer.text) as { code?: string; status?: number };
    if (!KNOWN_PROBLEM_CODES.has(String(problem.code))) {
      return `unknown code ${problem.code} (if it is meant, add it to test/fuzz/known-problem-codes.ts and the README): ${answer.text.slice(0, 300)}`;
    }
    if (problem.status !== answer.status) return `problem status ${problem.status} on a ${answer.status}`;
    return undefined;
  };

  it('answers every request with a 2xx or a 4xx problem+json of a known code, never a 5xx, and stays healthy', async () => {
    expect(operations.filter((op) => op.tag === 'commands').length).toBeGreaterThan(25);
    expect(operations.filter((op) => op.tag === 'queries' || op.tag === 'audit').length).toBeGreaterThan(10);
    const statuses = new Map<number, number>();
    const routes = new Set<string>();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(operations, ctx), async (request) => {
        const answer = await send(request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        routes.add(request.operation);
        const broken = brokenPromise(answer);
        if (broken) throw new Error(`${request.method} ${request.url}: ${broken}`);
        if (answer.status === 200 && request.operation.startsWith('POST /v1/commands/')) {
          accepted += 1;
          written.add((JSON.parse(answer.text) as { streamId: string }).streamId);
        }
      }),
      { seed: SEED, numRuns: RUNS, path: process.env.FUZZ_PATH },
    );
    process.stdout.write(
      `[fuzz] ${RUNS} requests to ${routes.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${accepted} commands accepted\n`,
    );
    expect(routes.size).toBe(RUNS >= 1000 ? operations.length : routes.size);
    // Some hostile requests must have got through validation and been stored, or the reads below prove little.
    expect(accepted).toBeGreaterThan(RUNS >= 1000 ? 20 : 0);
    expect((await api.request('GET', '/health/ready')).status).toBe(200);
  }, 600_000);

  it('leaves nothing stored that breaks a later read: every read route answers for the fuzzed tenant', async () => {
    await api.project();
    const failures: string[] = [];
    const read = async (role: string, path: string, accept = 'application/json', method = 'GET', body?: string) => {
      const response = await fetch(`${api.baseUrl}${path}`, {
        method,
        body,
        headers: {
          authorization: `Bearer ${ctx.tokens[role]}`,
          accept,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      });
      const answer = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.text(),
      };
      const broken = brokenPromise(answer);
      if (broken) failures.push(`${path} (${accept}): ${broken}`);
      return answer;
    };
    // Every case, following the list's cursors (also as filtered by dormancy, which computes each case's metrics).
    const cases = new Set<string>();
    for (const dormant of ['', '&dormant=true', '&dormant=false']) {
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await read('analyst', `/v1/cases?limit=200${dormant}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        const data = (JSON.parse(page.text) as { data?: { items: { caseId: string }[]; nextCursor: string | null } })
          .data;
        for (const item of data?.items ?? []) cases.add(item.caseId);
        cursor = data?.nextCursor ?? null;
      }
    }
    const idsOf = (category: string) =>
      [...written].filter((s) => s.startsWith(`${category}-`)).map((s) => s.slice(category.length + 1));
    const ids = {
      caseId: [...new Set([...cases, ...idsOf('case')])],
      initiativeId: idsOf('initiative'),
      unitId: idsOf('unit'),
      fundId: idsOf('fund'),
      streamId: [...written],
    };
    const plan = readPlan(operations, ids);
    const statuses = new Map<number, number>();
    for (const { role, url, csv } of plan) {
      const answer = await read(role, url);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      // Nothing the fuzzer could store may be left out of an answer as uninterpretable.
      if (answer.status === 200 && answer.text.includes('"uninterpretable"'))
        failures.push(`${url}: ${answer.text.slice(0, 300)}`);
      if (csv) await read(role, url, 'text/csv');
    }
    const routes = new Set(plan.map((r) => r.route));
    process.stdout.write(
      `[fuzz] read back: ${plan.length} reads of ${routes.size} routes over ${ids.caseId.length} cases and ${written.size} streams; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    expect(routes.size).toBe(operations.filter((op) => op.method === 'GET' && READ_TAGS.has(op.tag)).length);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(plan.length / 2);
    expect((await read('auditor', '/v1/audit/export', 'application/x-ndjson')).status).toBe(200);
    const verified = await read('auditor', '/v1/audit/verify', 'application/json', 'POST', '{}');
    expect(JSON.parse(verified.text)).toMatchObject({ ok: true });
    expect(failures).toEqual([]);
    expect((await api.request('GET', '/health/ready')).status).toBe(200);
  }, 600_000);
});

function exampleStreams(): string[] {
  return [
    `initiative-${exampleIds.initiative}`,
    `case-${exampleIds.case}`,
    `unit-${exampleIds.contactPointUnit}`,
    `unit-${exampleIds.buildingUnit}`,
    `fund-${exampleIds.fund}`,
  ];
}
