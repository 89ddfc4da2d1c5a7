import createClient, { type Middleware } from 'openapi-fetch';
import { getSession, setSession } from '../auth/session';
import type { paths } from './generated/koproduktiv-api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The session's bearer token on every request; a 401 ends the session. */
const bearer: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) setSession(null);
    return response;
  },
};

/**
 * The public HTTP API, typed by the types openapi-typescript generates from its OpenAPI document
 * (generated/koproduktiv-api.d.ts, `npm run console:api-types`). JSON answers only: CSV is asked for
 * by `downloadCsv`.
 */
export const api = createClient<paths, 'application/json'>({ baseUrl: '' });
api.use(bearer);

/** The `detail` (else `title`) of an application/problem+json answer, else the status. */
function detailOf(problem: unknown, status: number): string {
  const { detail, title } = (problem ?? {}) as { detail?: unknown; title?: unknown };
  return typeof detail === 'string' ? detail : typeof title === 'string' ? title : `HTTP ${status}`;
}

/** The answer of a call through `api`, or an ApiError with the problem's detail. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined)
    throw new ApiError(result.response.status, detailOf(result.error, result.response.status));
  return result.data;
}

/** An empty choice ('') means "not filtered": the parameter is left out. */
export const chosen = (value: string): string | undefined => (value === '' ? undefined : value);

/** Read routes that answer CSV too (Accept: text/csv), and their query parameters. */
type CsvRoute = '/v1/metrics/summary' | '/v1/metrics/timeseries' | '/v1/worklist';
type CsvQuery<Route extends CsvRoute> = NonNullable<paths[Route]['get']['parameters']['query']>;
/** `api.GET` for any one of those routes, its answer read as a stream (the typed client resolves one route at a time). */
const getCsv = api.GET as <Route extends CsvRoute>(
  route: Route,
  init: { params: { query: CsvQuery<Route> }; headers: { accept: 'text/csv' }; parseAs: 'stream' },
) => Promise<{ error?: unknown; response: Response }>;

/** Pages of a paged route's CSV that one download follows at most. */
const MAX_CSV_PAGES = 200;

/** The cursor of a `Link: <…?cursor=…>; rel="next"` header. */
function nextCursor(link: string | null): string | undefined {
  const next = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
  return next ? (new URL(next, location.origin).searchParams.get('cursor') ?? undefined) : undefined;
}

/**
 * Downloads what a route answers as text/csv (German spreadsheets: `;` and decimal commas), all of
 * it: a paged route's pages one after the other (its Link header), under one header row.
 */
export async function downloadCsv<Route extends CsvRoute>(route: Route, query: CsvQuery<Route>): Promise<void> {
  const parts: string[] = ['\ufeff'];
  let name = 'koproduktiv.csv';
  let cursor: string | undefined;
  for (let page = 0; page < MAX_CSV_PAGES; page += 1) {
    const { response, error } = await getCsv(route, {
      params: { query: { ...query, locale: 'de', ...(cursor ? { cursor } : {}) } },
      headers: { accept: 'text/csv' },
      parseAs: 'stream',
    });
    if (!response.ok) throw new ApiError(response.status, detailOf(error, response.status));
    name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? name;
    const text = (await response.text()).replace(/^\ufeff/, '');
    parts.push(page === 0 ? text : text.slice(text.indexOf('\n') + 1)); // one header row
    cursor = nextCursor(response.headers.get('link'));
    if (!cursor) break;
  }
  saveBlob(new Blob(parts, { type: 'text/csv;charset=utf-8' }), name);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** CSV for tables the API offers no CSV of: UTF-8 with a byte order mark, `;` and decimal commas, as the API's `locale=de`. */
export function tableCsv(header: string[], rows: (string | number | null)[][]): Blob {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
    const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(';'));
  return new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
