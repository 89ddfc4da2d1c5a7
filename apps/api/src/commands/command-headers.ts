import { invalidRequest } from '../http/problem-error';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw invalidRequest('Idempotency-Key must be 1 to 200 visible ASCII characters', [
      { field: 'Idempotency-Key', messages: ['invalid'] },
    ]);
  }
  return value;
}

/** `If-Match: "3"` (an ETag as this API sends it), also accepting `3` and `W/"3"`. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!match) {
    throw invalidRequest('If-Match must be the stream version as an entity tag, e.g. "3"', [
      { field: 'If-Match', messages: ['invalid'] },
    ]);
  }
  return Number(match[1]);
}
