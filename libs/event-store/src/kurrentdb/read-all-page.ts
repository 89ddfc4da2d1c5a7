import type { AllStreamRecordedEvent, Filter, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { translateKurrentError } from './errors';
import { isAfter, KurrentPosition } from './position-codec';

/**
 * Up to `maxCount` records of `$all` after `from` (exclusive), forwards, filtered on the server.
 * Reading `$all` from a position may include the record at that position: it asks for one more
 * and drops it.
 */
export async function readAllAfter(
  client: KurrentDBClient,
  from: KurrentPosition | undefined,
  maxCount: number,
  filter: Filter,
): Promise<AllStreamRecordedEvent[]> {
  const records: AllStreamRecordedEvent[] = [];
  if (maxCount <= 0) return records;
  const read = client.readAll({
    direction: 'forwards',
    fromPosition: from ?? 'start',
    maxCount: maxCount + (from ? 1 : 0),
    filter,
  });
  try {
    for await (const resolved of read) {
      if (!resolved.event || !isAfter(resolved.event.position, from)) continue;
      records.push(resolved.event);
      if (records.length === maxCount) break;
    }
  } catch (error) {
    translateKurrentError(error);
  }
  return records;
}

/** Every record of `$all` that passes `filter`, in pages of `pageSize`: constant memory. */
export async function* scanAll(
  client: KurrentDBClient,
  filter: Filter,
  pageSize: number,
): AsyncGenerator<AllStreamRecordedEvent> {
  let from: KurrentPosition | undefined;
  for (;;) {
    const page = await readAllAfter(client, from, pageSize, filter);
    yield* page;
    const last = page.at(-1)?.position;
    if (page.length < pageSize || !last) return;
    from = last;
  }
}
