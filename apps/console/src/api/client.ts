import { getSession, setSession } from '../auth/session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The `detail` (else `title`) of an application/problem+json answer, else the status. */
export async function problemDetail(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A request to the public HTTP API with the session's bearer token; a 401 ends the session. */
export async function request(path: string, accept = 'application/json', signal?: AbortSignal): Promise<Response> {
  const session = getSession();
  const response = await fetch(path, {
    headers: { accept, ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
    signal,
  });
  if (response.status === 401) setSession(null);
  if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
  return response;
}

/** GET a read route: its `data` and the read-model `position` it reflects. */
export async function getJson<T>(
  path: string,
  query?: Query,
  signal?: AbortSignal,
): Promise<{ position: number; data: T }> {
  return (await request(withQuery(path, query), 'application/json', signal)).json();
}

/** Downloads what a route answers as text/csv (German spreadsheets: `;` and decimal commas). */
export async function downloadCsv(path: string, query: Query = {}): Promise<void> {
  const response = await request(withQuery(path, { ...query, locale: 'de' }), 'text/csv');
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'koproduktiv.csv';
  saveBlob(await response.blob(), name);
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
