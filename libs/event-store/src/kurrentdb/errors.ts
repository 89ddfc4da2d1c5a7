import type { ExpectedVersion } from '../port';
import { StoreUnavailableError, StreamDeletedError, UnstorableEventError, WrongExpectedVersionError } from '../port';
import { versionOfState } from './expected-version';

/** The client's error `type` values we act on (its `ErrorType` enum), restated to keep this module free of the client at run time. */
const UNAVAILABLE = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'not-leader',
  'cancelled',
  'access-denied',
]);
const UNSTORABLE = new Set([
  'maximum-append-size-exceeded',
  'append-record-size-exceeded',
  'transaction-max-size-exceeded',
]);
const CONNECTION_FAILURE =
  /Failed to discover|connection refused|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|No connection established|UNAVAILABLE|handshake/i;

interface ClientError {
  readonly type?: string;
  readonly name?: string;
  readonly message?: string;
  readonly code?: string | number;
  readonly actualState?: 'no_stream' | bigint;
}

const asClientError = (error: unknown): ClientError =>
  typeof error === 'object' && error !== null ? (error as ClientError) : {};

export const isStreamNotFound = (error: unknown): boolean => {
  const { type, name } = asClientError(error);
  return type === 'stream-not-found' || name === 'StreamNotFoundError';
};

/** A hard-deleted (tombstoned) stream: reads and appends fail with this for good. */
export const isStreamDeleted = (error: unknown): boolean => {
  const { type, name } = asClientError(error);
  return type === 'stream-deleted' || type === 'stream-tombstoned' || name === 'StreamDeletedError';
};

/** KurrentDB's optimistic-concurrency refusal, with the stream's actual state; undefined for any other error. */
export function conflictOf(error: unknown): { actualVersion: number } | undefined {
  const { type, actualState } = asClientError(error);
  if (type !== 'wrong-expected-version') return undefined;
  return { actualVersion: actualState === undefined ? Number.NaN : versionOfState(actualState) };
}

/**
 * Translates client failures into the port's errors: a conflict into WrongExpectedVersionError,
 * a tombstoned stream (when the caller names it) into StreamDeletedError,
 * connection/leadership/deadline trouble into StoreUnavailableError, size and argument refusals
 * into UnstorableEventError. Anything else is rethrown unchanged.
 */
export function translateKurrentError(
  error: unknown,
  append?: { streamId: string; expected: ExpectedVersion },
  streamId = append?.streamId,
): never {
  const { type, message = String(error), code } = asClientError(error);
  const conflict = conflictOf(error);
  if (conflict && append) throw new WrongExpectedVersionError(append.streamId, append.expected, conflict.actualVersion);
  if (streamId !== undefined && isStreamDeleted(error)) throw new StreamDeletedError(streamId);
  if (type && UNSTORABLE.has(type)) throw new UnstorableEventError(message);
  if (
    (type && UNAVAILABLE.has(type)) ||
    (typeof code === 'string' && CONNECTION_FAILURE.test(code)) ||
    CONNECTION_FAILURE.test(message)
  ) {
    throw new StoreUnavailableError(`Event store unavailable: ${message}`, error);
  }
  throw error;
}
