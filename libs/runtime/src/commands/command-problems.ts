import { ProblemError } from '@koproduktiv/platform';

export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export const occurredAtInFuture = (occurredAt: Date, now: Date) =>
  new ProblemError(
    400,
    'COMMAND.OCCURRED_AT_IN_FUTURE',
    'occurredAt lies in the future',
    `occurredAt ${occurredAt.toISOString()} is more than 5 minutes after the server time ${now.toISOString()}`,
    { errors: [{ field: 'occurredAt', messages: ['may not lie more than 5 minutes in the future'] }] },
  );

export const versionMismatch = (streamId: string, expected: number, actual: number) =>
  new ProblemError(
    412,
    'COMMAND.VERSION_MISMATCH',
    'The stream is not at the expected version',
    `If-Match expected ${streamId} at version ${expected}, but it is at version ${actual}`,
    { streamId, expectedVersion: expected, actualVersion: actual },
  );

export const concurrentWriteLost = (streamId: string) =>
  new ProblemError(
    409,
    'COMMAND.CONCURRENT_WRITE',
    'Another write to the same stream won',
    `${streamId} changed twice while this command was being decided; send it again`,
    { streamId },
  );

export const idempotencyKeyReused = (key: string) =>
  new ProblemError(
    422,
    'IDEMPOTENCY.KEY_REUSED',
    'The Idempotency-Key was used for a different request',
    `Idempotency-Key "${key}" was first used with another command or body; use a new key for a new request`,
  );
