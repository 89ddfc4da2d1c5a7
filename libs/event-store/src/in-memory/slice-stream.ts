import type { ReadStreamOptions, RecordedEvent } from '../port';

export function sliceStream(
  stream: readonly RecordedEvent[],
  { direction = 'forwards', fromVersion, maxCount }: ReadStreamOptions,
): RecordedEvent[] {
  const limit = maxCount ?? Number.MAX_SAFE_INTEGER;
  if (direction === 'forwards') {
    const from = fromVersion ?? 1;
    return stream.filter((event) => event.version >= from).slice(0, limit);
  }
  const upTo = fromVersion ?? Number.MAX_SAFE_INTEGER;
  return stream
    .filter((event) => event.version <= upTo)
    .reverse()
    .slice(0, limit);
}
