/** Where a stream stood after the last command this process decided on it. */
export interface DecisionPoint {
  readonly version: number;
  readonly position: number;
  /** The aggregate's state at `version` (deciders are pure: states are never changed in place). */
  readonly state: unknown;
}

/**
 * The state each recently commanded stream had after its last command here, so that the next
 * command reads only the events after it (usually none) instead of the whole stream: a case that
 * runs for years costs a command the same as a new one. Least recently used streams drop out
 * first. It is a cache only: the append is still checked against the stream's version, and
 * events other writers appended in between come with the read.
 */
export class DecisionCache {
  private readonly points = new Map<string, DecisionPoint>();

  constructor(private readonly capacity = 10_000) {}

  take(tenant: string, streamId: string): DecisionPoint | undefined {
    const id = `${tenant}\u0000${streamId}`;
    const point = this.points.get(id);
    // Taken out while the command runs: a lost race or a failure leaves no entry to trust.
    this.points.delete(id);
    return point;
  }

  put(tenant: string, streamId: string, point: DecisionPoint): void {
    this.points.set(`${tenant}\u0000${streamId}`, point);
    if (this.points.size > this.capacity) this.points.delete(this.points.keys().next().value as string);
  }
}
