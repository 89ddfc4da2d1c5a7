/**
 * Deterministic JSON: object keys sorted, undefined members dropped, dates as ISO strings.
 * PostgreSQL's jsonb reorders keys, so hashes must never depend on insertion order.
 * Every event appended is hashed through this, so it is written as plain loops.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`Cannot serialise a ${typeof value} canonically`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  let json = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) json += ',';
    json += items[index] === undefined ? 'null' : canonicalJson(items[index]);
  }
  return `${json}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let json = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${json}}`;
}
