import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id is the caller's X-Correlation-Id when it is sane, else a new UUID. */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers['x-correlation-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
