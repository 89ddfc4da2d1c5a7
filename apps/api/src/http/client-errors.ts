import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ProblemError } from './problem-error';
import { problemBody } from './problem-mapping';

/** Requests Node's HTTP parser refuses before Fastify sees them, by the parser's error code. */
const PARSER_ERRORS: Record<string, ProblemError> = {
  HPE_HEADER_OVERFLOW: new ProblemError(
    431,
    'REQUEST.TOO_LARGE',
    'The request headers are too large',
    "The request line and headers exceed the server's limit",
  ),
  ERR_HTTP_REQUEST_TIMEOUT: new ProblemError(
    408,
    'REQUEST.TIMEOUT',
    'The request took too long to arrive',
    'The request was not complete in time',
  ),
};
const MALFORMED = new ProblemError(
  400,
  'REQUEST.INVALID',
  'The request is invalid',
  'The request is not valid HTTP/1.1',
);

/**
 * Fastify's `clientErrorHandler`: answers a request the HTTP parser refused with problem+json like
 * every other error (Fastify's default sends plain JSON without a code), then closes the socket.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = PARSER_ERRORS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(problemBody(problem, '', randomUUID()));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
