import { HttpException } from '@nestjs/common';
import { DomainError } from '@koproduktiv/domain';
import {
  StoreUnavailableError,
  StreamDeletedError,
  UnstorableEventError,
  WrongExpectedVersionError,
} from '@koproduktiv/event-store';
import { AuthenticationRejected, databaseUnreachable } from '@koproduktiv/platform';
import { ProblemError } from './problem-error';
import { readModelsNotCreated } from '@koproduktiv/projections';
import { CommandRejected, CommandRejectedKind, concurrentWriteLost } from '@koproduktiv/application';

/** Fastify's own client errors, by their error code. */
const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'REQUEST.TOO_LARGE', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'REQUEST.INVALID_CONTENT_LENGTH', 'Content-Length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'],
  FST_ERR_BAD_URL: [400, 'REQUEST.INVALID', 'The request URL is not valid'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'REQUEST.TOO_LARGE', 'A path segment is too long'],
};

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['REQUEST.INVALID', 'The request is invalid'],
  401: ['AUTH.UNAUTHENTICATED', 'Authentication required'],
  403: ['AUTH.FORBIDDEN', 'Not allowed'],
  404: ['ROUTE.NOT_FOUND', 'No such resource'],
  405: ['ROUTE.METHOD_NOT_ALLOWED', 'Method not allowed'],
  413: ['REQUEST.TOO_LARGE', 'The request body is too large'],
  414: ['REQUEST.TOO_LARGE', 'The request URL is too long'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
};

/** The HTTP status of each way the command path refuses a command. */
const COMMAND_REJECTED_STATUS: Record<CommandRejectedKind, number> = {
  invalid: 400,
  version_mismatch: 412,
  conflict: 409,
  key_reused: 422,
};

/** What a 503 asks a client to wait before retrying (also its Retry-After header). */
export const RETRY_AFTER_SECONDS = 2;

/** The RFC 9457 body of a problem, as every error response carries it. Its own members win over same-named extensions. */
export const problemBody = (problem: ProblemError, instance: string, correlationId: string) => ({
  ...problem.extensions,
  type: `https://koproduktiv.de/problems/${problem.code.toLowerCase().replace(/[._]/g, '-')}`,
  title: problem.title,
  status: problem.status,
  code: problem.code,
  detail: problem.detail,
  instance,
  correlationId,
});

/** Turns anything thrown while serving a request into a ProblemError; unknown failures become 500. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof DomainError) {
    const status = error.kind === 'not_found' ? 404 : 409;
    return new ProblemError(
      status,
      error.code,
      status === 404 ? 'Not found' : 'Rule violated',
      error.message,
      error.details ?? {},
    );
  }
  if (error instanceof AuthenticationRejected) {
    return new ProblemError(401, error.code, 'Authentication required', error.detail);
  }
  if (error instanceof CommandRejected) {
    return new ProblemError(COMMAND_REJECTED_STATUS[error.kind], error.code, error.title, error.message, error.details);
  }
  // The command executor turns a lost race into CommandRejected itself; this is the same answer for any other append.
  if (error instanceof WrongExpectedVersionError) return toProblem(concurrentWriteLost(error.streamId));
  if (error instanceof StreamDeletedError) {
    return new ProblemError(409, 'STREAM.DELETED', 'The stream was deleted in the event store', error.message, {
      streamId: error.streamId,
    });
  }
  // The event store's own translation, or any other PostgreSQL access (idempotency keys, read models, audit) failing to connect.
  if (error instanceof StoreUnavailableError || databaseUnreachable(error)) {
    return new ProblemError(503, 'STORE.UNAVAILABLE', 'The store is unavailable', 'Please retry shortly', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  // The API answers before any projector has created the read models (RUN_PROJECTOR=false, a fresh database).
  if (readModelsNotCreated(error)) {
    return new ProblemError(
      503,
      'PROJECTIONS.NOT_READY',
      'The read models are not ready',
      'No projector has created the read models yet; please retry shortly',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
  if (error instanceof UnstorableEventError) {
    return new ProblemError(
      400,
      'REQUEST.UNSTORABLE',
      'The request contains characters that cannot be stored',
      error.message,
    );
  }
  // Nest wraps Fastify's client errors in an HttpException and keeps the original as its cause.
  const fastifyCode = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (fastifyCode && FASTIFY_ERRORS[fastifyCode]) {
    const [status, code, title] = FASTIFY_ERRORS[fastifyCode];
    return new ProblemError(status, code, title, (error as Error).message);
  }
  if (error instanceof SyntaxError && /JSON/.test(error.message)) {
    return new ProblemError(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', error.message);
  }
  const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, title] = HTTP_CODES[status] ?? ['REQUEST.REJECTED', 'The request was rejected'];
    return new ProblemError(status, code, title, (error as Error).message);
  }
  return new ProblemError(
    500,
    'INTERNAL',
    'Internal server error',
    'The failure was logged; quote the correlation id when reporting it',
  );
}
