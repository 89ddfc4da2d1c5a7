/** Entries of the serialisable histories: each keeps its business time and its store position. */
import { isoMs } from './time';

/** Input record: what the event store hands out (RecordedEvent fits), or the same read back from JSON. */
export interface MetricsEvent {
  readonly type: string;
  readonly data: unknown;
  /** Business time. */
  readonly occurredAt: Date | string;
  readonly recordedAt?: Date | string;
  /** Store-wide position: identifies the event (folding it twice changes nothing) and breaks ties. */
  readonly position: number;
}

export interface Timed {
  /**
   * occurredAt: ISO 8601 UTC as stored, or epoch ms in a history unpacked from a cache (whose times
   * were parsed once, when it was packed). Read it with msOf or isoAt.
   */
  readonly at: string | number;
  /** The event's global position. */
  readonly pos: number;
}

export const isoOf = (instant: Date | string): string =>
  (instant instanceof Date ? instant : new Date(instant)).toISOString();

export const timedOf = (event: MetricsEvent): Timed => ({ at: isoOf(event.occurredAt), pos: event.position });

export const msOf = (entry: Timed): number => (typeof entry.at === 'number' ? entry.at : isoMs(entry.at));

export const isoAt = (entry: Timed): string =>
  typeof entry.at === 'string' ? entry.at : new Date(entry.at).toISOString();

/** Appends the entry unless an entry of the same event (position) is already there. */
export const addOnce = <E extends Timed>(list: readonly E[], entry: E): readonly E[] =>
  list.some((existing) => existing.pos === entry.pos) ? list : [...list, entry];

/** Entries whose business time is <= T. */
export const upTo = <E extends Timed>(list: readonly E[], t: number): E[] => list.filter((entry) => msOf(entry) <= t);

const before = (aMs: number, a: Timed, bMs: number, b: Timed): boolean => aMs < bMs || (aMs === bMs && a.pos < b.pos);

/** Sorted by business time, ties by position (the order they were appended). Parses each time once. */
export const byTime = <E extends Timed>(list: readonly E[]): E[] => {
  const keyed = list.map((entry) => ({ entry, ms: msOf(entry) }));
  let sorted = true;
  for (let i = 1; i < keyed.length && sorted; i++)
    sorted = !before(keyed[i].ms, keyed[i].entry, keyed[i - 1].ms, keyed[i - 1].entry);
  if (!sorted) keyed.sort((a, b) => a.ms - b.ms || a.entry.pos - b.entry.pos);
  return keyed.map(({ entry }) => entry);
};

/** The entry that comes first (or, with `last`, last) in business-time order; undefined for none. */
const extreme = <E extends Timed>(list: readonly E[], last: boolean): E | undefined => {
  let found: E | undefined;
  let foundMs = 0;
  for (const entry of list) {
    const ms = msOf(entry);
    if (found === undefined || (last ? before(foundMs, found, ms, entry) : before(ms, entry, foundMs, found)))
      [found, foundMs] = [entry, ms];
  }
  return found;
};

/** The earliest entry by business time (ties: the earlier position), or undefined. */
export const earliest = <E extends Timed>(list: readonly E[]): E | undefined => extreme(list, false);

/** The latest entry by business time (ties: the later position), or undefined. */
export const latest = <E extends Timed>(list: readonly E[]): E | undefined => extreme(list, true);
