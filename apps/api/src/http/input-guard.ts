import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { isStorableText } from '@koproduktiv/platform';
import { FieldError, invalidRequest } from './problem-error';

/** Deeper than any command body (the deepest is two levels); class-transformer recurses per level. */
export const MAX_BODY_DEPTH = 16;

/** Query parameters and path segments are names, ids, dates and numbers: no control characters at all. */
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * Keys class-transformer skips silently because the target object inherits them (`toString`,
 * `constructor`, …): the whitelist never sees them, so they are refused here, like any unknown key.
 */
const INHERITED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const pathOf = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * What every body, query string and path parameter must satisfy before any validator or transformer
 * walks it: strings PostgreSQL can store, no inherited property names as keys, and (bodies) no
 * nesting beyond MAX_BODY_DEPTH. Walks iteratively, so no input can exhaust the stack here.
 */
export function findUnsafeInput(value: unknown, source: 'body' | 'query' | 'param', name = ''): FieldError[] {
  const allowed = (text: string) => isStorableText(text) && (source === 'body' || !CONTROL.test(text));
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: name, depth: 0 }];
  while (stack.length > 0 && errors.length < 20) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === 'string') {
      if (!allowed(current)) {
        errors.push({
          field: path || source,
          messages: [`${path || source} must not contain control characters, NUL or unpaired surrogates`],
        });
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      errors.push({
        field: path || source,
        messages: [`${path || source} is nested deeper than ${MAX_BODY_DEPTH} levels`],
      });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((item, i) => [i, item])
      : Object.entries(current);
    for (const [key, item] of entries) {
      const field = pathOf(path, key);
      if (typeof key === 'string' && (INHERITED_KEYS.has(key) || !allowed(key))) {
        errors.push({ field, messages: [`property ${field} should not exist`] });
        continue;
      }
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * Runs before the validation pipe on every body, query and path parameter, and refuses what would
 * otherwise make a validator throw, class-transformer overflow its stack, PostgreSQL refuse a
 * statement (all 500s) or an unknown key vanish without a word.
 */
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const errors = findUnsafeInput(value, metadata.type, metadata.data ?? '');
    if (errors.length > 0) {
      throw invalidRequest(`${errors.length} field(s) are invalid: ${errors.map((e) => e.field).join(', ')}`, errors);
    }
    return value;
  }
}
