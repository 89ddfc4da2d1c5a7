import type { FastifyReply, FastifyRequest } from 'fastify';
import { endOfLocalDay } from '@koproduktiv/metrics';
import { invalidRequest, ProblemError } from '@koproduktiv/platform';
import { toCsv } from './csv';

export const READ_MODEL_QUERIES = Symbol('READ_MODEL_QUERIES');

export function parseAsOf(asOf: string | undefined, timeZone: string): Date | undefined {
  if (asOf === undefined) return undefined;
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? endOfLocalDay(asOf, timeZone) : new Date(asOf);
  if (Number.isNaN(instant.getTime()) || (asOf.length === 10 && instant.toISOString().slice(0, 4) !== asOf.slice(0, 4))) {
    throw invalidRequest('asOf is not a real date', [{ field: 'asOf', messages: ['not a real date'] }]);
  }
  return instant;
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
