import type { ExpectedVersion } from './expected-version';

/** An append lost against the stream's actual version (optimistic concurrency). */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The store cannot be reached or refused service; the operation may be retried. */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** The store rejected the content itself (e.g. a character PostgreSQL cannot hold in JSON). */
export class UnstorableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnstorableEventError';
  }
}

/** The stream was deleted for good in the store (a KurrentDB tombstone): it can be neither read nor extended. */
export class StreamDeletedError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} was deleted in the event store and takes no further events`);
    this.name = 'StreamDeletedError';
  }
}
