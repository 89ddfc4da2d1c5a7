import { ExpectedVersion, NO_STREAM_VERSION, WrongExpectedVersionError } from '../port';

/**
 * Our versions count events (1 for the first, n for a stream of n events; 0 = no stream).
 * KurrentDB revisions number them from 0, and a stream's state is its last revision or `no_stream`.
 */
export type KurrentStreamState = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The KurrentDB stream state of a stream at our `version`. */
export function streamStateAt(version: number): 'no_stream' | bigint {
  if (!Number.isSafeInteger(version) || version < NO_STREAM_VERSION)
    throw new RangeError(`Not a stream version: ${version}`);
  return version === NO_STREAM_VERSION ? 'no_stream' : BigInt(version - 1);
}

/** Our version of a stream in KurrentDB state `state` (as reported by a conflict). */
export function versionOfState(state: 'no_stream' | bigint): number {
  return state === 'no_stream' ? NO_STREAM_VERSION : Number(state) + 1;
}

export const revisionOfVersion = (version: number): bigint => BigInt(version - 1);
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/** The plain one-to-one translation of the port's modes (what KurrentDB itself would check). */
export function toStreamState(expected: ExpectedVersion): KurrentStreamState {
  return typeof expected === 'number' ? streamStateAt(expected) : expected;
}

export interface AppendPlan {
  /** Always the exact state of the tip the new events were chained onto. */
  readonly streamState: 'no_stream' | bigint;
  /** `any` and `stream_exists` still hold after another writer moved the tip: re-read and re-seal. */
  readonly retryOnConflict: boolean;
}

/**
 * Checks the caller's expectation against the tip we read, then appends at exactly that tip: the
 * hash chain links each event to its predecessor, so an append may only land where it was sealed.
 * KurrentDB then enforces the exact state atomically. For a number or `no_stream` that is the same
 * check as `toStreamState(expected)`; for `any` and `stream_exists` a lost race is retried.
 */
export function planAppend(
  streamId: string,
  expected: ExpectedVersion,
  tipVersion: number,
  /** The stream's actual last revision, where records that are not ours follow our last event (version `tipVersion`). */
  tipState: 'no_stream' | bigint = streamStateAt(tipVersion),
): AppendPlan {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && tipVersion === NO_STREAM_VERSION) ||
    (expected === 'stream_exists' && tipVersion > NO_STREAM_VERSION) ||
    expected === tipVersion;
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, tipVersion);
  return { streamState: tipState, retryOnConflict: expected === 'any' || expected === 'stream_exists' };
}
