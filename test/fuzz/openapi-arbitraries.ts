/**
 * fast-check arbitraries for hostile HTTP requests, derived from the service's own OpenAPI document:
 * every operation, its path, query and header parameters and its body schema. Values are mostly
 * what the schema describes (so that many commands pass validation and reach the domain and the
 * store) with hostile ones mixed in: impossible and extreme dates, NUL, unpaired surrogates, control
 * characters, huge and fractional numbers, inherited key names, deep nesting, wrong types, raw text
 * that is not JSON, odd percent-encoding, forged or foreign tokens.
 */
import fc from 'fast-check';

type Schema = Record<string, any>;

export interface Operation {
  readonly method: string;
  /** The path template, e.g. `/v1/cases/{caseId}`. */
  readonly path: string;
  readonly tag: string;
  readonly parameters: readonly {
    name: string;
    in: 'path' | 'query' | 'header';
    required?: boolean;
    schema?: Schema;
  }[];
  readonly body?: Schema;
  /** The media types its responses come in. */
  readonly produces: readonly string[];
}

export interface FuzzRequest {
  readonly operation: string;
  readonly method: string;
  /** Path and query string, already percent-encoded. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What the requests are built from besides the document: ids that exist in the tenant, and tokens. */
export interface FuzzContext {
  readonly doc: any;
  /** Ids that exist, by the field that names them (`caseId`, …), so that many commands and reads find what they name. */
  readonly knownIds: Readonly<Record<string, readonly string[]>>;
  readonly knownStreams: readonly string[];
  /** A valid token per role of the fuzzed tenant. */
  readonly tokens: Readonly<Record<string, string>>;
  /** Tokens that must be refused or confined: another tenant's, a forged one, one without roles. */
  readonly hostileTokens: readonly string[];
}

/** Every operation of the document, with its tag (the role that may call it follows from it). */
export function operationsOf(doc: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const ref: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const produces = [
        ...new Set(Object.values<any>(op.responses ?? {}).flatMap((response) => Object.keys(response.content ?? {}))),
      ];
      operations.push({
        method: method.toUpperCase(),
        path,
        tag: op.tags?.[0] ?? '',
        parameters: op.parameters ?? [],
        body: ref ? resolve(doc, { $ref: ref }) : undefined,
        produces,
      });
    }
  }
  return operations;
}

/** The schema a `$ref` names; `allOf` of one reference (how @nestjs/swagger describes a nested DTO) is that reference. */
function resolve(doc: any, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components.schemas[String(schema.$ref).split('/').pop() as string]);
  if (schema.allOf?.length === 1) return { ...resolve(doc, schema.allOf[0]), ...schema, allOf: undefined };
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

/** Dates at and beyond every edge that broke something before, and a few that are fine. */
export const EDGE_DATES = [
  '1900-01-01',
  '2199-12-31',
  '2024-02-29',
  '1899-12-31',
  '2200-01-01',
  '0000-01-01',
  '0001-01-01',
  '0050-06-01',
  '0099-12-31',
  '9999-12-31',
  '2026-02-30',
  '2026-13-45',
  '2026-00-10',
  '2026-04-31',
  '2100-02-29',
  '+275760-09-13',
  '-000001-01-01',
  '2026-1-1',
  '20260101',
];
export const EDGE_INSTANTS = [
  '1900-01-01T00:00:00Z',
  '1900-01-01T00:30:00+01:00',
  '2199-12-31T23:59:59.999999999Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30T10:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T10:00:60Z',
  '2026-03-02T10:00:00+24:00',
  '2026-03-02T10:00:00',
  '2026-03-02T10:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-03-02t10:00:00z',
  '2026-03-29T02:30:00+01:00',
  '1970-01-01T00:00:00Z',
];
/** Strings that make parsers, validators, regular expressions or PostgreSQL stumble. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\u001b[2J',
  '\u007f',
  '\u202e',
  '\ufeff',
  '\u2028',
  '💥',
  'ß'.repeat(300),
  'x'.repeat(4001),
  '%00',
  '\\u0000',
  "'; DROP TABLE kp_events; --",
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9223372036854775808',
  'true',
  '__proto__',
  'constructor',
  'toString',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  'case-',
  'case-../../x',
  'a@b',
  'a@b.c\ud800',
  `${'a'.repeat(64)}@${'b'.repeat(250)}.de`,
  ...EDGE_DATES,
  ...EDGE_INSTANTS,
];
export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  0.001,
  1e-7,
  99.999,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
  5e-324,
];
/** Keys every object inherits: class-transformer skipped them silently before. */
export const INHERITED_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Nesting far deeper than any command, as an object or an array. */
const deep = (levels: number, array: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = array ? [value] : { a: value };
  return value;
};

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileScalar, weight: 6 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(20, 200, 2000).chain((levels) => fc.boolean().map((array) => deep(levels, array))),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...INHERITED_KEYS).map((key) => JSON.parse(`{"${key}":{"polluted":true}}`)), weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// Values a schema describes (often valid, so that requests get past validation)
// ---------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateText = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
/** Instants in the supported years and in the past (a fixed bound, so that a seed replays the same requests). */
const supportedInstant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2025-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
/** Calendar days in the supported years, the first and the last among them. */
const supportedDate = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true })
    .map(dateText),
  fc.constantFrom('1900-01-01', '2199-12-31'),
);

/** Either a value the schema allows (`hostile` false: such bodies pass validation), or one at or beyond its edges. */
function describedValue(
  doc: any,
  raw: Schema,
  ctx: FuzzContext,
  depth: number,
  hostile: boolean,
  name: string,
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const orEdges = <T>(valid: fc.Arbitrary<T>, edges: readonly unknown[]): fc.Arbitrary<unknown> =>
    hostile ? fc.oneof(valid, fc.constantFrom(...edges)) : valid;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.format === 'uuid') {
    const known = ctx.knownIds[name] ?? Object.values(ctx.knownIds).flat();
    return fc.oneof(
      { arbitrary: fc.constantFrom(...known), weight: 3 },
      { arbitrary: fc.uuid({ version: [4, 7] }), weight: 1 },
    );
  }
  if (schema.format === 'date') return orEdges(supportedDate, EDGE_DATES);
  if (schema.format === 'date-time')
    return orEdges(
      supportedInstant.map((d) => d.toISOString()),
      EDGE_INSTANTS,
    );
  if (schema.format === 'email')
    return orEdges(
      fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254)),
      HOSTILE_STRINGS,
    );
  if (schema.pattern)
    return orEdges(
      fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((t) => t.length >= (schema.minLength ?? 0) && t.length <= (schema.maxLength ?? 1000)),
      HOSTILE_STRINGS,
    );
  switch (type) {
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(doc, schema, ctx, depth + 1, hostile);
    case 'array':
      return fc.array(valueFor(doc, schema.items ?? {}, ctx, depth + 1, hostile, name), {
        maxLength: Math.min(schema.maxItems ?? 5, hostile ? 25 : 3),
      });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = Math.min(schema.maximum ?? 1_000_000, 2 ** 31);
      const inRange =
        type === 'integer'
          ? fc.integer({ min, max })
          : fc.integer({ min: Math.ceil(min * 100), max: max * 100 }).map((cents) => cents / 100);
      return orEdges(inRange, [min - 1, max + 1, min - 0.5, max + 0.001, ...HOSTILE_NUMBERS]);
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      const maxLength = Math.min(schema.maxLength ?? 60, 300);
      const text = fc
        .string({
          unit: hostile ? 'grapheme' : 'grapheme-ascii',
          minLength: Math.max(schema.minLength ?? 0, 1),
          maxLength,
        })
        .filter((t) => t.trim().length > 0);
      return orEdges(
        schema.example !== undefined ? fc.oneof(fc.constant(schema.example), text) : text,
        HOSTILE_STRINGS,
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for the schema; when `hostile`, sometimes something else entirely. */
export function valueFor(
  doc: any,
  schema: Schema,
  ctx: FuzzContext,
  depth = 0,
  hostile = true,
  name = '',
): fc.Arbitrary<unknown> {
  const described = describedValue(doc, schema, ctx, depth, hostile, name);
  return hostile ? fc.oneof({ arbitrary: described, weight: 5 }, { arbitrary: hostileValue, weight: 1 }) : described;
}

type Mutation = (body: Record<string, unknown>) => void;

/** Body mutations: drop a field, add an unknown or inherited key, nest a field to death. */
const mutation = (keys: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    keys.length
      ? fc.constantFrom(...keys).map(
          (key): Mutation =>
            (body) =>
              void delete body[key],
        )
      : fc.constant<Mutation>(() => undefined),
    fc
      .tuple(fc.oneof(fc.constantFrom(...INHERITED_KEYS), fc.string({ unit: 'binary', maxLength: 12 })), hostileValue)
      .map(
        ([key, value]): Mutation =>
          (body) =>
            void Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true }),
      ),
  );

function objectOf(
  doc: any,
  schema: Schema,
  ctx: FuzzContext,
  depth: number,
  hostile: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const keys = Object.keys(properties);
  const required: string[] = schema.required ?? [];
  const fields = Object.fromEntries(keys.map((key) => [key, valueFor(doc, properties[key], ctx, depth, hostile, key)]));
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: required.filter((key) => keys.includes(key)) }),
      fc.array(mutation(keys), { maxLength: hostile ? 2 : 0 }),
    )
    .map(([record, mutations]) => {
      const body = { ...record } as Record<string, unknown>;
      for (const mutate of mutations) mutate(body);
      return body;
    });
}

/** Raw body texts no serializer would produce. */
const RAW_BODIES = [
  '',
  ' ',
  'null',
  '[]',
  '"text"',
  '1e400',
  '{',
  '{"a":1,}',
  '{"a":1e400}',
  '{"a":-0}',
  '{"a":123456789012345678901234567890}',
  '\ufeff{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `{"a":"\\ud800"}`,
  '{"a":"\\u0000"}',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '{"a":1,"a":2}',
  'a=1&b=2',
];

function bodyFor(doc: any, schema: Schema, ctx: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: objectOf(doc, schema, ctx, 0, false).map((body) => JSON.stringify(body)), weight: 6 },
    { arbitrary: objectOf(doc, schema, ctx, 0, true).map((body) => JSON.stringify(body)), weight: 8 },
    { arbitrary: fc.constantFrom(...RAW_BODIES), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Parameters, headers, requests
// ---------------------------------------------------------------------------------------------

/** Percent-encodes UTF-16 text as UTF-8 the way a client would; unpaired surrogates as the bytes of the code unit (invalid UTF-8). */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair =
      unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const chars = pair ? text.slice(i, ++i + 1) : text[i];
    if (unit >= 0xd800 && unit <= 0xdfff && !pair) {
      out +=
        `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(chars);
  }
  return out;
}

/** Percent sequences that are not UTF-8 or not percent sequences at all. */
const RAW_QUERY_VALUES = ['%', '%zz', '%FF', '%C0%80', '%ED%A0%80', '%00', '%E2%80', 'a%2', '%25%00', '+', '%2B%2B'];

function parameterValue(doc: any, schema: Schema | undefined, name: string, ctx: FuzzContext): fc.Arbitrary<string> {
  const described =
    name === 'streamId'
      ? fc.constantFrom(...ctx.knownStreams)
      : valueFor(doc, schema ?? { type: 'string' }, ctx, 0, true, name);
  return fc.oneof(
    {
      arbitrary: described.map((value) =>
        percentEncode(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')),
      ),
      weight: 6,
    },
    { arbitrary: fc.constantFrom(...RAW_QUERY_VALUES), weight: 1 },
  );
}

/** Header values a client can send: visible Latin-1, no CR, LF or NUL (fetch refuses those itself). */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 300,
});

/** The role each tag of the document is for (the routes of a tag share their controller's role). */
export const ROLE_OF_TAG: Readonly<Record<string, string>> = {
  commands: 'clerk',
  queries: 'analyst',
  worklist: 'clerk',
  audit: 'auditor',
  operations: 'operator',
  'data protection': 'admin',
};

function authorization(tag: string, ctx: FuzzContext): fc.Arbitrary<string | undefined> {
  const own = ctx.tokens[ROLE_OF_TAG[tag] ?? 'analyst'];
  return fc.oneof(
    { arbitrary: fc.constant(`Bearer ${own}`), weight: 36 },
    {
      arbitrary: fc.constantFrom(...ctx.hostileTokens, ...Object.values(ctx.tokens)).map((token) => `Bearer ${token}`),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(undefined, 'Bearer', 'Bearer ', 'Basic YTpi', `Bearer ${own}x`, 'Bearer a.b.c'),
      weight: 1,
    },
    { arbitrary: headerText.map((text) => `Bearer ${text}`), weight: 1 },
  );
}

const HEADER_VALUES: Record<string, fc.Arbitrary<string>> = {
  'Idempotency-Key': fc.oneof(
    fc.uuid().map((id) => `fuzz-${id}`),
    fc.constantFrom('', ' ', 'k'.repeat(1000)),
    headerText,
  ),
  'If-Match': fc.oneof(
    fc.integer({ min: -2, max: 60 }).map((v) => `"${v}"`),
    fc.constantFrom('*', 'W/"1"', '"9223372036854775808"', '"1e3"', '""', '"0x10"'),
    headerText,
  ),
  'X-Correlation-Id': fc.oneof(fc.uuid(), fc.constantFrom('', 'c'.repeat(5000)), headerText),
};

/** One request to one of `operations`, hostile in some of its parts. */
export function requestArbitrary(operations: readonly Operation[], ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((op) => {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const headerParams = op.parameters.filter((p) => p.in === 'header' && HEADER_VALUES[p.name]);
    const pathValues = fc.tuple(...pathParams.map((p) => parameterValue(ctx.doc, p.schema, p.name, ctx)));
    const query = fc.tuple(
      ...queryParams.map((p) =>
        fc
          .option(parameterValue(ctx.doc, p.schema, p.name, ctx), { freq: 2 })
          .map((value) => (value === null ? [] : [`${p.name}=${value}`])),
      ),
      fc.array(
        fc
          .tuple(
            fc.oneof(
              fc.constantFrom(...INHERITED_KEYS, ...queryParams.map((p) => p.name)),
              fc.constantFrom(...RAW_QUERY_VALUES),
            ),
            fc.constantFrom(...RAW_QUERY_VALUES, 'x'),
          )
          .map(([k, v]) => `${k}=${v}`),
        { maxLength: 1 },
      ),
    );
    const headers = fc.record({
      authorization: authorization(op.tag, ctx),
      ...Object.fromEntries(
        headerParams.map((p) => [
          p.name.toLowerCase(),
          fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: HEADER_VALUES[p.name], weight: 1 }),
        ]),
      ),
      'content-type': fc.oneof(
        { arbitrary: fc.constant(op.body ? 'application/json' : undefined), weight: 20 },
        {
          arbitrary: fc.constantFrom(
            undefined,
            'text/plain',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/jsonx',
          ),
          weight: 1,
        },
      ),
      accept: fc.constantFrom(
        undefined,
        undefined,
        'text/csv',
        'application/json',
        '*/*',
        'text/csv;q=0.1, application/json',
        'image/png',
      ),
    });
    const body = op.body
      ? bodyFor(ctx.doc, op.body, ctx)
      : fc.constantFrom(undefined, undefined, undefined, '{}', '{"x":1}');
    const method = fc.oneof(
      { arbitrary: fc.constant(op.method), weight: 30 },
      { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), weight: 1 },
    );
    return fc
      .tuple(pathValues, query, headers, body, method)
      .map(([values, queryParts, header, text, sent]): FuzzRequest => {
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => values[i++] as string);
        const search = queryParts.flat().join('&');
        const headersSent = Object.fromEntries(
          Object.entries(header).filter(([, v]) => v !== undefined && v !== null),
        ) as Record<string, string>;
        const withBody = sent !== 'GET' && text !== undefined;
        return {
          operation: `${op.method} ${op.path}`,
          method: sent,
          url: search ? `${path}?${search}` : path,
          headers: headersSent,
          body: withBody ? text : undefined,
        };
      });
  });
}
