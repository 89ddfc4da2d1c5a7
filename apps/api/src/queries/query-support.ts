import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endOfLocalDay, Uninterpretable } from '@koproduktiv/metrics';
import { ProblemError } from '../http/problem-error';
import type { CsvColumn } from './csv/csv-columns';
import { csvStream, CsvLocale, toCsv } from './csv/to-csv';

export const READ_MODEL_QUERIES = Symbol('READ_MODEL_QUERIES');

/** `asOf` as validated by AsOfQueryDto: a date means the end of that local day. */
export function parseAsOf(asOf: string | undefined, timeZone: string): Date | undefined {
  if (asOf === undefined) return undefined;
  return asOf.length === 10 ? endOfLocalDay(asOf, timeZone) : new Date(asOf);
}

export const notFound = (code: string, what: string) =>
  new ProblemError(404, code, 'Not found', `${what} is unknown in your municipality (or not projected yet)`);

export const wantsCsv = (request: FastifyRequest) => /\btext\/csv\b/.test(String(request.headers.accept ?? ''));

/** How a route answers in CSV: its file name and a renderer over its fixed columns. */
export interface CsvAnswer<T> {
  readonly filename: string;
  readonly render: (data: T, locale: CsvLocale) => string | Readable;
}

export const csvAnswer = <T, R>(
  filename: string,
  columns: readonly CsvColumn<R>[],
  rows: (data: T) => readonly R[],
): CsvAnswer<T> => ({
  filename,
  render: (data, locale) => toCsv(columns, rows(data), locale),
});

/** A CSV answer written a row at a time as the client takes it (csvStream), for answers that can be large. */
export const csvStreamAnswer = <T, R>(
  filename: string,
  columns: readonly CsvColumn<R>[],
  rows: (data: T) => Iterable<R>,
): CsvAnswer<T> => ({
  filename,
  render: (data, locale) => csvStream(columns, rows(data), locale),
});

/** The request's own path and query with `cursor` replaced: the next page, as a relative reference. */
export function nextPageLink(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://localhost');
  url.searchParams.set('cursor', cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

export interface AnswerOptions<T> {
  /** Offered as text/csv when the client asks for it (Accept: text/csv). */
  readonly csv?: CsvAnswer<T>;
  readonly locale?: CsvLocale;
  /** Writes the JSON itself (for data that is JSON text already). */
  readonly jsonText?: (fresh: { position: number; data: T }) => string;
  /** The cursor of the next page, sent as a `Link: <…>; rel="next"` header. */
  readonly nextCursor?: string | null;
}

/** What an answer (one object, or the points of a time series) reports as left out of it. */
const uninterpretableIn = (data: unknown): Uninterpretable[] =>
  (Array.isArray(data) ? data : [data]).flatMap(
    (item) => (item as { uninterpretable?: Uninterpretable[] } | null)?.uninterpretable ?? [],
  );

/**
 * Sends `{ position, data }` as JSON, or as CSV when asked for and offered; either way with the
 * read-model position and, for a page with more after it, a Link to the next one.
 */
export function answer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  fresh: { position: number; data: T },
  options: AnswerOptions<T> = {},
) {
  reply.header('X-Read-Model-Position', String(fresh.position));
  const leftOut = uninterpretableIn(fresh.data);
  if (leftOut.length > 0) {
    request.log.warn(
      { uninterpretable: leftOut.slice(0, 20), count: leftOut.length },
      'answered without stored history it cannot interpret',
    );
  }
  if (options.nextCursor) reply.header('Link', nextPageLink(request, options.nextCursor));
  if (options.csv && wantsCsv(request)) {
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="${options.csv.filename}"`);
    return options.csv.render(fresh.data, options.locale ?? 'en');
  }
  if (!options.jsonText) return fresh;
  reply.header('Content-Type', 'application/json; charset=utf-8');
  return options.jsonText(fresh);
}
