import { WrongExpectedVersionError } from './errors';

/** `any`: append whatever the stream holds; `no_stream`: it must not exist; `stream_exists`: it must; a number: its exact current version. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/** The version of a stream that does not exist (or is empty). */
export const NO_STREAM_VERSION = 0;

export function assertExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === NO_STREAM_VERSION) ||
    (expected === 'stream_exists' && actual > NO_STREAM_VERSION) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
}
