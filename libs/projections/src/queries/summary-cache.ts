import { inFlight } from '../in-flight';

interface Entry<T> {
  /** The last answer computed and the version it was computed for. */
  settled?: { readonly version: string; readonly value: T };
  /** The computation under way, if any; at most one per question. */
  pending?: Promise<T>;
  /** When a question first found the settled answer outdated (since its last computation). */
  outdatedSince?: number;
}

/**
 * Remembers computed aggregates per question and version (read-model position and T): the same
 * events and the same T always give the same numbers. A question over the whole municipality takes
 * seconds with 10 000 cases, and under a steady flow of commands the read models move every moment,
 * so waiting for a fresh answer each time would make every analyst wait, and compute the same
 * aggregate many times at once. Instead, once the version moved, the last answer is given (it names
 * its own position and T) while one new computation runs, for at most `maxStaleMs` after a question
 * first found it outdated; after that, callers wait for the new one.
 */
export class SummaryCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxStaleMs = 60_000,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    const { settled } = entry;
    if (settled?.version === version) return Promise.resolve(settled.value);
    const pending = (entry.pending ??= this.refresh(entry, version, compute));
    if (!settled) return pending;
    entry.outdatedSince ??= this.now();
    return this.now() - entry.outdatedSince <= this.maxStaleMs ? Promise.resolve(settled.value) : pending;
  }

  private refresh(entry: Entry<T>, version: string, compute: () => Promise<T>): Promise<T> {
    // Callers given the last answer do not await this one; its failure reaches those who do.
    return inFlight(
      compute().then(
        (value) => {
          entry.settled = { version, value };
          entry.pending = undefined;
          entry.outdatedSince = undefined;
          return value;
        },
        (error: unknown) => {
          entry.pending = undefined;
          throw error;
        },
      ),
    );
  }
}
