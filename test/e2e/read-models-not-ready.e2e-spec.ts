import { randomUUID } from 'node:crypto';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * The API started before any projector created the read models (RUN_PROJECTOR=false ahead of
 * apps/projector on a fresh database): every query route answers 503 PROJECTIONS.NOT_READY with
 * Retry-After, never 500, and answers as usual once the read models exist.
 */
const TENANT = 'musterstadt';
/** Query routes that read the event store, not the read models: they answer as usual. */
const STORE_READERS = new Set(['/v1/cases/{caseId}/history']);

/** A value for a parameter a query route requires, by its name or schema. */
function valueFor(name: string, schema: { enum?: string[]; example?: unknown }): string {
  if (schema.enum) return schema.enum[0];
  if (schema.example !== undefined) return String(schema.example);
  return { period: '2026-Q1', from: '2026-01', to: '2026-06' }[name] ?? randomUUID();
}

describe('query routes before the read models exist', () => {
  let api: ApiHarness;
  let routes: { path: string; url: string }[];

  beforeAll(async () => {
    api = await startApi();
    const doc = (await api.request('GET', '/docs-json')).body;
    routes = Object.entries<any>(doc.paths)
      .filter(([, item]) => item.get?.tags?.includes('queries'))
      .map(([path, item]) => {
        const parameters: { name: string; in: string; required?: boolean; schema: any }[] = item.get.parameters ?? [];
        const query = new URLSearchParams(
          parameters
            .filter((p) => p.in === 'query' && p.required)
            .map((p): [string, string] => [p.name, valueFor(p.name, p.schema)]),
        );
        const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
          valueFor(name, parameters.find((p) => p.name === name)?.schema ?? {}),
        );
        return { path, url: query.size ? `${filled}?${query}` : filled };
      });
  });

  afterAll(() => api?.close());

  it('answer 503 PROJECTIONS.NOT_READY with Retry-After, then as usual once a projector has run', async () => {
    expect(routes.filter(({ path }) => !STORE_READERS.has(path)).length).toBeGreaterThanOrEqual(10);
    for (const { path, url: route } of routes) {
      const response = await api.get(route, TENANT, ['analyst', 'clerk']);
      if (STORE_READERS.has(path)) {
        expect({ route, status: response.status }).toEqual({ route, status: 404 });
        continue;
      }
      expect({ route, status: response.status, code: response.body?.code }).toEqual({
        route,
        status: 503,
        code: 'PROJECTIONS.NOT_READY',
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe('2');
    }
    await api.project();
    const cases = await api.get('/v1/cases', TENANT, ['analyst']);
    expect(cases.status).toBe(200);
    expect(cases.body.data).toEqual({ items: [], nextCursor: null });
  });
});
