/** Entries of the serialisable histories: each keeps its business time and its store position. */

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
  /** occurredAt, ISO 8601 UTC. */
  readonly at: string;
  /** The event's global position. */
  readonly pos: number;
}

export const isoOf = (instant: Date | string): string => new Date(instant).toISOString();

export const timedOf = (event: MetricsEvent): Timed => ({ at: isoOf(event.occurredAt), pos: event.position });

export const msOf = (entry: Timed): number => Date.parse(entry.at);

/** Appends the entry unless an entry of the same event (position) is already there. */
export const addOnce = <E extends Timed>(list: readonly E[], entry: E): readonly E[] =>
  list.some((existing) => existing.pos === entry.pos) ? list : [...list, entry];

/** Entries whose business time is <= T. */
export const upTo = <E extends Timed>(list: readonly E[], t: number): E[] => list.filter((entry) => msOf(entry) <= t);

/** Sorted by business time, ties by position (the order they were appended). */
export const byTime = <E extends Timed>(list: readonly E[]): E[] =>
  [...list].sort((a, b) => msOf(a) - msOf(b) || a.pos - b.pos);

/** The earliest entry by business time, or undefined. */
export const earliest = <E extends Timed>(list: readonly E[]): E | undefined => byTime(list)[0];

/** The latest entry by business time (ties: the later position), or undefined. */
export const latest = <E extends Timed>(list: readonly E[]): E | undefined => {
  const sorted = byTime(list);
  return sorted[sorted.length - 1];
};
