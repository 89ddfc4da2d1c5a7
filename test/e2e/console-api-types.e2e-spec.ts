import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiHarness, startApi } from '../support/api-harness';

const ROOT = join(__dirname, '..', '..');
/** The console's API types, generated from the service's OpenAPI document; `npm run console:api-types` rewrites it. */
const TYPES = join(ROOT, 'apps', 'console', 'src', 'api', 'generated', 'koproduktiv-api.d.ts');

/** openapi-typescript over the document the service serves at /docs-json, as the console's build uses it. */
describe('apps/console/src/api/generated/koproduktiv-api.d.ts', () => {
  let api: ApiHarness;
  let generated: string;

  beforeAll(async () => {
    // With the console, as `npm start` serves it: its development sign-in route is part of the document.
    api = await startApi({ withConsole: true });
    const dir = mkdtempSync(join(tmpdir(), 'kp-api-types-'));
    try {
      const document = await fetch(`${api.baseUrl}/docs-json`).then((response) => response.text());
      writeFileSync(join(dir, 'openapi.json'), document);
      // Asynchronously would not matter here (the document is on disk), but the CLI is an ES module of its own.
      await promisify(execFile)(process.execPath, [
        join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
        join(dir, 'openapi.json'),
        '-o',
        join(dir, 'koproduktiv-api.d.ts'),
      ]);
      generated = readFileSync(join(dir, 'koproduktiv-api.d.ts'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.KP_UPDATE_DOCS === '1') writeFileSync(TYPES, generated);
  }, 120_000);
  afterAll(() => api?.close());

  it('types the routes the console reads', () => {
    for (const route of [
      '/v1/directory',
      '/v1/metrics/summary',
      '/v1/metrics/timeseries',
      '/v1/worklist',
      '/v1/cases/{caseId}',
      '/v1/cases/{caseId}/history',
      '/v1/dev/sign-in',
    ])
      expect(generated).toContain(`    "${route}": {`);
  });

  it('is what the API describes today (npm run console:api-types rewrites it)', () => {
    expect(readFileSync(TYPES, 'utf8')).toBe(generated);
  });
});
