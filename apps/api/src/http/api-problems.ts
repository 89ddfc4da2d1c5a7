import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { DomainError } from '@koproduktiv/domain';
import { StoreUnavailableError } from '@koproduktiv/event-store';
import { unauthorized } from '@koproduktiv/platform';
import { invalidRequest, ProblemError } from './problem-error';
import { idempotencyKeyReused, versionMismatch } from '@koproduktiv/application';
import { problemBody, toProblem } from './problem-mapping';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The one schema every error response shares (RFC 9457 plus `code` and `correlationId`). */
export const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. Further members depend on the code (e.g. `errors` for 400, `streamId` for 409/412).',
  properties: {
    type: { type: 'string', format: 'uri', description: 'https://koproduktiv.de/problems/<code in kebab case>' },
    title: { type: 'string', description: 'Short, fixed per code' },
    status: { type: 'integer', description: 'The HTTP status' },
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]*(\\.[A-Z][A-Z0-9_]*)+$',
      description: 'Stable machine-readable code',
    },
    detail: { type: 'string', description: 'What went wrong in this occurrence' },
    instance: { type: 'string', description: 'The request path' },
    correlationId: { type: 'string', description: 'X-Correlation-Id of the request, or the id generated for it' },
    errors: {
      type: 'array',
      description: '400 only: one entry per invalid field',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
        required: ['field', 'messages'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code', 'instance', 'correlationId'],
} as const;

const CASE_ID = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02';
const STREAM_ID = `case-${CASE_ID}`;
const CORRELATION_ID = '3f0e9d2c-5b1a-4c7e-9f8d-2a6b4c8e0d11';

/** A real problem per status: each is what the service's own errors render to (problemBody of toProblem). */
const EXAMPLE_ERRORS: Record<number, { error: unknown; summary: string }> = {
  400: {
    summary: 'A field is missing or has the wrong type',
    error: invalidRequest('The request body is invalid', [
      { field: 'title', messages: ['title must be a string', 'title must contain a non-whitespace character'] },
    ]),
  },
  401: { summary: 'No bearer token', error: unauthorized('Missing bearer token') },
  403: {
    summary: 'The token lacks the role',
    error: new ProblemError(403, 'AUTH.FORBIDDEN', 'Not allowed', 'This needs the role clerk; the token has analyst'),
  },
  404: {
    summary: 'The case does not exist in your municipality',
    error: new DomainError('CASE.NOT_FOUND', `Case ${CASE_ID} does not exist`, 'not_found', { caseId: CASE_ID }),
  },
  409: {
    summary: 'A domain rule forbids the command',
    error: new DomainError(
      'CASE.CLOSED',
      `Case ${CASE_ID} is closed; it accepts only ReopenCase and RecordTrustFeedback`,
      'rule_violated',
      {
        caseId: CASE_ID,
        outcome: 'completed',
        commandType: 'RecordInteraction',
      },
    ),
  },
  412: { summary: 'If-Match names another version', error: versionMismatch(STREAM_ID, 3, 5) },
  413: {
    summary: 'The body is larger than BODY_LIMIT_BYTES',
    error: Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
  },
  415: {
    summary: 'The body is not JSON',
    error: Object.assign(new Error('Unsupported Media Type: text/plain'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }),
  },
  422: {
    summary: 'The Idempotency-Key was used for another request',
    error: idempotencyKeyReused('6f1c2e0a-request-1'),
  },
  503: {
    summary: 'The event store is unreachable; retry after Retry-After',
    error: new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432'),
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (malformed JSON, wrong types, unknown fields, bad headers or query parameters); `errors` names each field',
  401: 'Missing or invalid bearer token (AUTH.UNAUTHENTICATED), or a token without an expiry (AUTH.TOKEN_WITHOUT_EXPIRY)',
  403: 'The token lacks the role this route needs',
  404: "It does not exist in the token's municipality",
  409: 'A domain rule forbids the command, or a concurrent write won twice',
  412: 'If-Match does not match the stream version',
  413: 'Body larger than the configured limit',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with a different request',
  503: 'PostgreSQL or the event store cannot be reached (STORE.UNAVAILABLE), or no projector has created the read models yet (PROJECTIONS.NOT_READY); retry after Retry-After seconds',
};

/** The example body of `status`, or of the given problem (instance: the documented path). */
export const problemExample = (status: number, instance: string, problem?: ProblemError) =>
  problemBody(problem ?? toProblem(EXAMPLE_ERRORS[status].error), instance, CORRELATION_ID);

/** Documents one error response as problem+json with the shared schema and a real example. */
export const ApiProblem = (
  status: number,
  options: { description?: string; example?: ProblemError; instance?: string } = {},
) =>
  ApiResponse({
    status,
    description: options.description ?? DESCRIPTIONS[status],
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: {
          [options.example?.code ?? toProblem(EXAMPLE_ERRORS[status].error).code]: {
            summary: options.example ? (options.description ?? DESCRIPTIONS[status]) : EXAMPLE_ERRORS[status].summary,
            value: problemExample(status, options.instance ?? '/v1/…', options.example),
          },
        },
      },
    },
  });

export const ApiProblems = (...statuses: number[]) => applyDecorators(...statuses.map((status) => ApiProblem(status)));
