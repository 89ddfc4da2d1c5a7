import type { Checkpoint } from '../port';

/** A PostgreSQL checkpoint: the transaction id and position of the last event read, ordered in that order. */
export interface PgCheckpoint {
  readonly transactionId: string;
  readonly position: string;
}

export const PG_START: PgCheckpoint = { transactionId: '0', position: '0' };

export const encodePgCheckpoint = ({ transactionId, position }: PgCheckpoint): Checkpoint =>
  `${transactionId}/${position}`;

export function decodePgCheckpoint(checkpoint: Checkpoint | undefined): PgCheckpoint {
  if (checkpoint === undefined) return PG_START;
  const match = /^(\d+)\/(\d+)$/.exec(checkpoint);
  if (!match) throw new RangeError(`Not a PostgreSQL event store checkpoint: ${checkpoint}`);
  return { transactionId: match[1], position: match[2] };
}
