import { decodeCursor, InvalidCursorError } from './cursor';

/**
 * Where the next page of a fund's statement continues: after which row (its sort key), and of the
 * statement as of which T and read-model position. Pinning both, every page comes from the same
 * statement however many events arrive meanwhile, so the pages together are that statement exactly.
 */
export interface StatementPlace {
  readonly after: readonly string[];
  readonly asOfMs: number;
  readonly position: number;
}

const ID = /^[0-9a-f-]{36}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The sort keys a cursor may name: an applicationId, or an instant then an applicationId. */
const KEYS: Record<number, readonly RegExp[]> = { 1: [ID], 2: [INSTANT, ID] };
const MAX_MS = 8.64e15;

export const encodeStatementCursor = (place: StatementPlace): string =>
  Buffer.from(JSON.stringify([place.asOfMs, place.position, ...place.after]), 'utf8').toString('base64url');

/**
 * The place a cursor names, with `keys` sort keys. A bare applicationId (what this API issued for
 * application pages before pages were pinned) names a place without a pinned statement.
 */
export function decodeStatementCursor(
  cursor: string | undefined,
  keys: 1 | 2,
): StatementPlace | { readonly after: readonly string[] } | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (keys === 1 && ID.test(text)) return { after: [decodeCursor(cursor) as string] };
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parts) || parts.length !== 2 + keys) throw new InvalidCursorError();
  const [asOfMs, position, ...after] = parts as unknown[];
  if (!Number.isSafeInteger(asOfMs) || Math.abs(asOfMs as number) > MAX_MS) throw new InvalidCursorError();
  if (!Number.isSafeInteger(position) || (position as number) < 0) throw new InvalidCursorError();
  if (!after.every((key, i) => typeof key === 'string' && KEYS[keys][i].test(key))) throw new InvalidCursorError();
  return { asOfMs: asOfMs as number, position: position as number, after: after as string[] };
}
