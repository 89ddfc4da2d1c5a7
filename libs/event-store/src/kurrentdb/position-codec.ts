import type { Checkpoint } from '../port';

/** A place in KurrentDB's transaction log (the client's `Position`, restated so callers need not import it). */
export interface KurrentPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const PATTERN = /^kurrentdb:(\d+):(\d+)$/;

/**
 * Checkpoints are `kurrentdb:<commit>:<prepare>`: opaque to callers, stored as text next to the
 * read models in PostgreSQL, and never mistaken for a PostgreSQL checkpoint (`<xid>/<position>`),
 * so a processor pointed at the other store fails loudly instead of resuming at a wrong place.
 */
export function encodeKurrentCheckpoint({ commit, prepare }: KurrentPosition): Checkpoint {
  if (commit < 0n || prepare < 0n) throw new RangeError(`Not a KurrentDB position: ${commit}/${prepare}`);
  return `kurrentdb:${commit}:${prepare}`;
}

/** undefined means "from the start". */
export function decodeKurrentCheckpoint(checkpoint: Checkpoint | undefined): KurrentPosition | undefined {
  if (checkpoint === undefined) return undefined;
  const match = PATTERN.exec(checkpoint);
  if (!match) throw new RangeError(`Not a KurrentDB event store checkpoint: ${checkpoint}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** $all order: by commit position, then prepare position. */
export function comparePositions(a: KurrentPosition, b: KurrentPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export const isAfter = (position: KurrentPosition, after: KurrentPosition | undefined): boolean =>
  after === undefined || comparePositions(position, after) > 0;

/**
 * The port's numeric `position` (display, lag, filtering): the event's prepare position, its own
 * byte offset in the log. It is unique per event, where the commit position is shared by every
 * event of one append. Exact below 2^53 bytes (8 PiB) of log.
 */
export function displayPosition({ prepare }: KurrentPosition): number {
  return Number(prepare);
}
