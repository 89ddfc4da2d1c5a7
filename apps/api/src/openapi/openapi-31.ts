import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

/**
 * @nestjs/swagger writes OpenAPI 3.0 schemas; 3.1 schemas are JSON Schema 2020-12. The two
 * constructs that differ in what Nest emits: `nullable: true` (a `null` type in 3.1) and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` (the bound itself in 3.1).
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const converted = convert(structuredClone(document)) as unknown as OpenAPIObject;
  converted.openapi = '3.1.0';
  return converted;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const node: Node = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner)]));
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (node[flag] === true && typeof node[bound] === 'number') {
      node[flag] = node[bound];
      delete node[bound];
    } else if (node[flag] === false) {
      delete node[flag];
    }
  }
  if (node.nullable === true) {
    delete node.nullable;
    if (typeof node.type === 'string') return { ...node, type: [node.type, 'null'] };
    return { anyOf: [node, { type: 'null' }] };
  }
  if (node.nullable === false) delete node.nullable;
  return node;
}
