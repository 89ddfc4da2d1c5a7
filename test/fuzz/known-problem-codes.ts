import { DOMAIN_ERROR_CODES } from '@koproduktiv/domain';

/**
 * Every code a client error may carry: the domain's rule codes and the API's own (problem-mapping.ts,
 * the controllers, the command runtime). A code outside this set, the catch-all `REQUEST.REJECTED`
 * included, means an error reached the client without being mapped on purpose. A new code belongs
 * here and in the README's error table.
 */
export const KNOWN_PROBLEM_CODES: ReadonlySet<string> = new Set([
  ...DOMAIN_ERROR_CODES,
  'REQUEST.INVALID',
  'REQUEST.MALFORMED_JSON',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.INVALID_CONTENT_LENGTH',
  'REQUEST.UNSTORABLE',
  'REQUEST.INVALID_CURSOR',
  'REQUEST.TIMEOUT',
  'AUTH.UNAUTHENTICATED',
  'AUTH.TOKEN_WITHOUT_EXPIRY',
  'AUTH.FORBIDDEN',
  'ROUTE.NOT_FOUND',
  'ROUTE.METHOD_NOT_ALLOWED',
  'COMMAND.CONCURRENT_WRITE',
  'COMMAND.VERSION_MISMATCH',
  'COMMAND.OCCURRED_AT_IN_FUTURE',
  'IDEMPOTENCY.KEY_REUSED',
  'STREAM.DELETED',
  'CASE.NOT_SUBMITTED_YET',
  'INITIATIVE.NOT_FOUND',
  'UNIT.NOT_FOUND',
  'FUND.NOT_FOUND',
  'AUDIT.STREAM_NOT_FOUND',
  'AUDIT.SUBJECT_NOT_FOUND',
  'AUDIT.SUBJECT_NOT_FOUND',
  'PROJECTIONS.REBUILD_RUNNING',
  'PROJECTIONS.NOT_READY',
  'WORKLIST.NOT_OWN_STAFF_REF',
]);
