import type { FastifyReply, FastifyRequest } from 'fastify';
import { endOfLocalDay } from '@koproduktiv/metrics';
import { ProblemError } from '@koproduktiv/platform';
import { toCsv } from './csv';

export const READ_MODEL_QUERIES = Symbol('READ_MODEL_QUERIES');

/** `asOf` as validated by AsOfQueryDto: a date means the end of that local day. */
export function parseAsOf(asOf: string | undefined, timeZone: string): Date | undefined {
  if (asOf === undefined) return undefined;
  return asOf.length === 10 ? endOfLocalDay(asOf, timeZone) : new Date(asOf);
}

export const notFound = (code: string, what: string) =>
  new ProblemError(404, code, 'Not found', `${what} is unknown in your municipality (or not projected yet)`);

export const wantsCsv = (request: FastifyRequest) => /\btext\/csv\b/.test(String(request.headers.accept ?? ''));

/**
 * Sends `{ position, data }` as JSON, or `rows` as CSV when asked for; either way with the read-model
 * position. `jsonText`, when given, writes the JSON itself (for data that is JSON text already).
 */
export function answer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  fresh: { position: number; data: T },
  csvRows?: (data: T) => object[],
  jsonText?: (fresh: { position: number; data: T }) => string,
) {
  reply.header('X-Read-Model-Position', String(fresh.position));
  if (csvRows && wantsCsv(request)) {
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    return toCsv(csvRows(fresh.data));
  }
  if (!jsonText) return fresh;
  reply.header('Content-Type', 'application/json; charset=utf-8');
  return jsonText(fresh);
}
