import { DatabaseError } from 'pg';
import { StoreUnavailableError, UnstorableEventError } from '../port';

const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57']; // connection, insufficient resources, operator intervention
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNSTORABLE_SQLSTATES = new Set(['22P05', '22021', '54000']); // NUL in text, bad encoding, program limit

/** Translates driver failures into the port's errors; anything else is rethrown unchanged. */
export function translatePgError(error: unknown): never {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code && UNSTORABLE_SQLSTATES.has(code)) throw new UnstorableEventError(message);
  if (
    (code && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2)))) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    throw new StoreUnavailableError(`Event store unavailable: ${message}`, error);
  }
  throw error;
}

/** The server refused a statement (and rolled it back), as opposed to a connection or server failure that may have come after a commit. */
export function refusedStatement(error: unknown): boolean {
  return (
    error instanceof DatabaseError && !!error.code && !UNAVAILABLE_SQLSTATE_CLASSES.includes(error.code.slice(0, 2))
  );
}
