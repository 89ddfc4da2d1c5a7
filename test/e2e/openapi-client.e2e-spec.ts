import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

const ROOT = join(__dirname, '..', '..');
const CLIENT_DIR = join(ROOT, 'test', 'openapi-client');
const GENERATED = join(CLIENT_DIR, 'generated');

type QueryCalls = (baseUrl: string, token: string, ids: Record<string, string>) => Promise<Record<string, unknown>>;

/** tsc over `files` (relative to generated/) with the generated types; its output, empty when they type-check. */
function typeCheck(files: string[]): { status: number | null; output: string } {
  writeFileSync(
    join(GENERATED, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'node20',
        moduleResolution: 'node16',
        lib: ['ES2023', 'DOM'],
        types: [],
        skipLibCheck: true,
      },
      files,
    }),
  );
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(GENERATED, 'tsconfig.json')],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A typed client generated from the served document (openapi-typescript), type-checked with tsc, then run. */
describe('a typed client generated from /docs-json', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api);
    await api.project();
    rmSync(GENERATED, { recursive: true, force: true });
    mkdirSync(GENERATED, { recursive: true });
    // Asynchronously: the service answering /docs-json runs in this process.
    await promisify(execFile)(process.execPath, [
      join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
      `${api.baseUrl}/docs-json`,
      '-o',
      join(GENERATED, 'koproduktiv-api.d.ts'),
    ]);
  }, 120_000);
  afterAll(() => api?.close());

  it('type-checks a call of every query route, with typed answers', () => {
    expect(typeCheck(['../query-calls.ts'])).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('is not typed loosely: a wrong use of an answer does not type-check', () => {
    writeFileSync(
      join(GENERATED, 'wrong.ts'),
      [
        "import type { paths } from './koproduktiv-api';",
        "type Summary = paths['/v1/metrics/summary']['get']['responses'][200]['content']['application/json'];",
        'export const cases: string = ({} as Summary).data.cases;',
        'export const unknownField = ({} as Summary).data.noSuchMetric;',
        "type Problem = paths['/v1/cases/{caseId}']['get']['responses'][404]['content']['application/problem+json'];",
        'export const status: string = ({} as Problem).status;',
      ].join('\n'),
    );
    const { status, output } = typeCheck(['wrong.ts']);
    expect(status).not.toBe(0);
    expect(output).toMatch(/wrong\.ts\(3,14\): error TS2322/);
    expect(output).toMatch(/wrong\.ts\(4,.*error TS2339: Property 'noSuchMetric'/);
    expect(output).toMatch(/wrong\.ts\(6,14\): error TS2322/);
  }, 120_000);

  it('runs those calls against the service', async () => {
    const token = await api.token('musterstadt', 'analyst');
    // Loaded by path: the project's own type check must not follow it into types generated only here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { callEveryQueryRoute } = require(join(CLIENT_DIR, 'query-calls')) as { callEveryQueryRoute: QueryCalls };
    const answers = await callEveryQueryRoute(api.baseUrl, token, {
      caseId: exampleIds.case,
      initiativeId: exampleIds.initiative,
      unitId: exampleIds.contactPointUnit,
      fundId: exampleIds.fund,
    });
    expect(answers).toMatchObject({
      firstStage: 'institutionalised',
      nextCursor: null,
      title: expect.any(String),
      reliabilityWeight: 0.3,
      initiativeName: 'Bürgerverein Nordstadt e.V.',
      cases: 1,
      months: ['2026-01', '2026-02', '2026-03'],
      awardedCents: expect.any(Number),
      problemCode: 'CASE.NOT_FOUND',
    });
    expect(typeof answers.trustIndex).toBe('number');
  });
});
