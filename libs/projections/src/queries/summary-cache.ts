/**
 * Remembers computed aggregates per (question, read-model position): the same events and the same T
 * always give the same numbers, so an answer stays right until the read models move on.
 */
export class SummaryCache<T> {
  private readonly entries = new Map<string, { position: number; value: Promise<T> }>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, position: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.position === position) return hit.value;
    const value = compute();
    value.catch(() => this.entries.delete(key));
    this.entries.set(key, { position, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
