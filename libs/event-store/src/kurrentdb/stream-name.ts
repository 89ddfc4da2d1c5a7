import { streamCategory } from '../port/stream-category';
/**
 * Stream names in KurrentDB carry the tenant, so two tenants' streams with the same id never meet:
 *
 *     <category>-<tenant>~<streamId>        e.g.  case-musterstadt~case-0195a1b2-3c4d-…
 *
 * - `<category>` is the stream id up to its first `-` (the whole id if it has none), so KurrentDB's
 *   `$by_category` projection and a stream-name filter on `^case-` still group by aggregate type.
 * - `<tenant>` is percent-encoded for every character outside `[A-Za-z0-9_.-]`, so it never
 *   contains `~` and the first `~` always ends it (tenants are `[a-z0-9-]` today: no encoding).
 * - `<streamId>` follows verbatim, so a name decodes without ambiguity whatever the id holds.
 *
 * The category is repeated (once before the tenant for KurrentDB's conventions, once inside the
 * stream id) so that decoding needs no rules about which characters a stream id may contain.
 */
export interface StreamAddress {
  readonly tenant: string;
  readonly streamId: string;
}

const TENANT_MARK = '~';

/** The store's category of a stream id (kept under this name for the adapter's callers). */
export const categoryOf = streamCategory;

export function encodeTenant(tenant: string): string {
  return encodeURIComponent(tenant).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function toStreamName(tenant: string, streamId: string): string {
  const category = categoryOf(streamId);
  if (category === '' || category.startsWith('$')) {
    throw new RangeError(
      `Stream id ${JSON.stringify(streamId)} needs a category that is not empty and does not start with $ (KurrentDB reserves it)`,
    );
  }
  return `${category}-${encodeTenant(tenant)}${TENANT_MARK}${streamId}`;
}

/** Inverse of toStreamName; throws for a name this adapter did not write. */
export function fromStreamName(name: string): StreamAddress {
  const dash = name.indexOf('-');
  const mark = name.indexOf(TENANT_MARK, dash + 1);
  if (dash <= 0 || mark === -1) throw new RangeError(`Not a Koproduktiv stream name: ${name}`);
  const category = name.slice(0, dash);
  const streamId = name.slice(mark + 1);
  if (categoryOf(streamId) !== category)
    throw new RangeError(`Not a Koproduktiv stream name (category differs from the stream id): ${name}`);
  let tenant: string;
  try {
    tenant = decodeURIComponent(name.slice(dash + 1, mark));
  } catch {
    throw new RangeError(`Not a Koproduktiv stream name (bad tenant encoding): ${name}`);
  }
  return { tenant, streamId };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server-side stream-name filter for reading `$all`: only streams of the given categories that
 * carry a tenant mark. A plain prefix filter (`case-`) would also let through another application's
 * `case-…` streams in a shared KurrentDB; this regex keeps them (and every `$` system stream) out.
 * Without categories, any stream shaped like ours passes.
 */
export function streamNameRegex(categories?: readonly string[]): string {
  return scopeRegex({ categories }) as string;
}

export interface NameScope {
  readonly categories?: readonly string[];
  readonly tenant?: string;
  readonly streamId?: string;
}

/**
 * A stream-name filter for part of our streams: some categories, one tenant's streams, one stream
 * id in every tenant, or one stream. Undefined when nothing can match (a stream id outside the
 * categories).
 */
export function scopeRegex({ categories, tenant, streamId }: NameScope): string | undefined {
  const within =
    streamId === undefined
      ? categories
      : [categoryOf(streamId)].filter((c) => !categories?.length || categories.includes(c));
  if (streamId !== undefined && within?.length === 0) return undefined;
  if (tenant !== undefined && streamId !== undefined) return `^${escapeRegex(toStreamName(tenant, streamId))}$`;
  const category = within?.length ? `(?:${within.map(escapeRegex).join('|')})` : '[^$~-][^~-]*';
  const tenantPart = tenant === undefined ? '[^~]*' : escapeRegex(encodeTenant(tenant));
  return `^${category}-${tenantPart}~${streamId === undefined ? '' : `${escapeRegex(streamId)}$`}`;
}

/** The tenant and stream id of one of our stream names; undefined for anyone else's. */
export function parseStreamName(name: string): StreamAddress | undefined {
  try {
    return fromStreamName(name);
  } catch {
    return undefined;
  }
}
