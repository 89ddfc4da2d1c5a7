/**
 * Why the command path refused a command before or after the domain decided it (the domain's own
 * refusals are DomainErrors). No transport: the API maps each kind to an HTTP status in
 * apps/api/src/http/problem-mapping.ts, the CLI prints the code.
 * - `invalid`: the envelope itself is unacceptable (a business time in the future);
 * - `version_mismatch`: the caller named a stream version (If-Match) the stream is not at;
 * - `conflict`: other writers to the stream won twice while the command was being decided;
 * - `key_reused`: the idempotency key was first used for another request.
 */
export type CommandRejectedKind = 'invalid' | 'version_mismatch' | 'conflict' | 'key_reused';

/** A refused command. `code` is stable and part of the public contract; `title` is fixed per code. */
export class CommandRejected extends Error {
  constructor(
    readonly code: string,
    readonly kind: CommandRejectedKind,
    readonly title: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export const occurredAtInFuture = (occurredAt: Date, now: Date) =>
  new CommandRejected(
    'COMMAND.OCCURRED_AT_IN_FUTURE',
    'invalid',
    'occurredAt lies in the future',
    `occurredAt ${occurredAt.toISOString()} is more than 5 minutes after the server time ${now.toISOString()}`,
    { errors: [{ field: 'occurredAt', messages: ['may not lie more than 5 minutes in the future'] }] },
  );

export const versionMismatch = (streamId: string, expected: number, actual: number) =>
  new CommandRejected(
    'COMMAND.VERSION_MISMATCH',
    'version_mismatch',
    'The stream is not at the expected version',
    `If-Match expected ${streamId} at version ${expected}, but it is at version ${actual}`,
    { streamId, expectedVersion: expected, actualVersion: actual },
  );

export const concurrentWriteLost = (streamId: string) =>
  new CommandRejected(
    'COMMAND.CONCURRENT_WRITE',
    'conflict',
    'Another write to the same stream won',
    `${streamId} changed twice while this command was being decided; send it again`,
    { streamId },
  );

export const idempotencyKeyReused = (key: string) =>
  new CommandRejected(
    'IDEMPOTENCY.KEY_REUSED',
    'key_reused',
    'The Idempotency-Key was used for a different request',
    `Idempotency-Key "${key}" was first used with another command or body; use a new key for a new request`,
  );
