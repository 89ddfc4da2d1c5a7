/**
 * Whether a failure means PostgreSQL cannot be reached or refuses service for now (a retry later may
 * succeed), as opposed to a statement it refused. Looks through `cause` and AggregateError's
 * `errors`, so a wrapped driver error counts as well.
 */
export function databaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, syscall, message, cause, errors } = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (code === 'ENOENT' && syscall === 'connect') return true; // a unix socket that is gone because the server stopped
  if (
    typeof code === 'string' &&
    (NODE_CODES.has(code) || SQLSTATES.has(code) || SQLSTATE_CLASSES.has(code.slice(0, 2)))
  )
    return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => databaseUnreachable(inner, depth + 1))) return true;
  return databaseUnreachable(cause, depth + 1);
}

/** Socket-level failures. */
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Connection exception, insufficient resources (too many connections, disk full). */
const SQLSTATE_CLASSES = new Set(['08', '53']);

/** Operator intervention: admin/crash shutdown, cannot connect now (starting up or recovering). */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05']);

/** What node-postgres and pg-pool throw, without a code, when a connection breaks or none can be had. */
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Connection terminated due to connection timeout/i;
