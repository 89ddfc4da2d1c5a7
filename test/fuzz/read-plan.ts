/**
 * Every read the OpenAPI document offers analysts, auditors and data protection, asked for every
 * record written: each GET route of those tags with each id of the kind its path names, first
 * with its required parameters only, then with each optional parameter set to each value worth
 * trying (both ends of the supported dates, every enumeration value, both booleans). New read
 * routes are included without a change here.
 */
import { Operation, ROLE_OF_TAG } from './openapi-arbitraries';

export interface PlannedRead {
  /** The route, as the document names it. */
  readonly route: string;
  readonly role: string;
  readonly url: string;
  /** The route also answers text/csv. */
  readonly csv: boolean;
}

/** The tags whose routes read what commands wrote. */
export const READ_TAGS = new Set(['queries', 'worklist', 'audit', 'data protection']);

type Parameter = Operation['parameters'][number];

/** A range's low and high ends, by the form of the parameter's example. */
const RANGES: readonly [RegExp, readonly string[], readonly string[]][] = [
  [/^\d{4}-\d{2}-\d{2}$/, ['1900-01-01', '2190-01-01'], ['1909-12-31', '2199-12-31']],
  [/^\d{4}-\d{2}$/, ['1900-01', '2190-01'], ['1909-12', '2199-12']],
];
const INSTANTS = ['1900-01-01T00:00:00Z', '2199-12-31T23:59:59Z'];

/** The values worth trying for a query parameter; a range's `from` and `to` go pairwise (index i with index i). */
function valuesOf(param: Parameter, ids: Readonly<Record<string, readonly string[]>>): readonly string[] {
  const schema = param.schema ?? {};
  const example = String(schema.example ?? '');
  if (schema.enum) return schema.enum.map(String);
  if (schema.type === 'boolean') return ['true', 'false'];
  if (schema.format === 'uuid' || ids[param.name]) return (ids[param.name] ?? []).slice(0, 2);
  if (schema.format === 'date-time') return param.name === 'to' ? [...INSTANTS].reverse() : INSTANTS;
  if (param.name === 'asOf') return ['1900-01-01', '2199-12-31', '2199-12-31T23:59:59+01:00'];
  if (/^\d{4}-Q\d$/.test(example)) return [example, '1900-01', '2199-Q4'];
  for (const [form, lows, highs] of RANGES) if (form.test(example)) return param.name === 'to' ? highs : lows;
  if (schema.type === 'number' || schema.type === 'integer') return [String(schema.maximum ?? schema.minimum ?? 1)];
  return example ? [example] : [];
}

/** The query strings to ask a route with: required parameters always, each optional one in turn (from and to together). */
function queryVariants(op: Operation, ids: Readonly<Record<string, readonly string[]>>): string[] {
  const query = op.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor');
  const first = (p: Parameter) => valuesOf(p, ids)[0];
  const base = query
    .filter((p) => p.required && first(p) !== undefined)
    .map((p) => `${p.name}=${encodeURIComponent(first(p))}`);
  const variants = [base];
  const together = new Set(
    query.some((p) => p.name === 'from') && query.some((p) => p.name === 'to') ? ['from', 'to'] : [],
  );
  if (together.size) {
    const [from, to] = ['from', 'to'].map((name) => query.find((p) => p.name === name) as Parameter);
    const rest = base.filter((pair) => !/^(from|to)=/.test(pair));
    valuesOf(from, ids).forEach((low, i) =>
      variants.push([...rest, `from=${encodeURIComponent(low)}`, `to=${encodeURIComponent(valuesOf(to, ids)[i])}`]),
    );
  }
  for (const param of query.filter((p) => !together.has(p.name))) {
    for (const value of valuesOf(param, ids)) {
      variants.push([
        ...base.filter((pair) => !pair.startsWith(`${param.name}=`)),
        `${param.name}=${encodeURIComponent(value)}`,
      ]);
    }
  }
  return [...new Set(variants.map((pairs) => pairs.join('&')))];
}

/** Every path of the route with each id of the kind its parameters name (`caseId`, `streamId`, …). */
function paths(op: Operation, ids: Readonly<Record<string, readonly string[]>>): string[] {
  let found = [op.path];
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    const values =
      ids[param.name] ??
      param.schema?.enum ??
      (param.schema?.format === 'uuid'
        ? Object.values(ids)
            .flat()
            .filter((id) => /^[0-9a-f-]{36}$/.test(id))
        : []);
    found = found.flatMap((path) => values.map((value) => path.replace(`{${param.name}}`, encodeURIComponent(value))));
  }
  return found;
}

export function readPlan(
  operations: readonly Operation[],
  ids: Readonly<Record<string, readonly string[]>>,
): PlannedRead[] {
  return operations
    .filter((op) => op.method === 'GET' && READ_TAGS.has(op.tag))
    .flatMap((op) =>
      paths(op, ids).flatMap((path) =>
        queryVariants(op, ids).map((query) => ({
          route: op.path,
          role: ROLE_OF_TAG[op.tag],
          url: query ? `${path}?${query}` : path,
          csv: op.produces.includes('text/csv'),
        })),
      ),
    );
}
