import type { CaseHistory } from '@koproduktiv/metrics';

/** A parsed case history and the version of the row it was read from. */
export interface CachedHistory {
  /** rm_cases.position when it was read: the last event folded into the row. */
  readonly rowPosition: number;
  readonly history: CaseHistory;
  /** Its JSON's length, which the budget counts. */
  readonly size: number;
  /** The read-model position at which the row was last seen at rowPosition. */
  readonly checkedAt: number;
}

/** What a parsed history takes of the heap per character of its JSON (measured: about 1.2). */
const HEAP_PER_JSON_CHAR = 1.25;

/**
 * The parsed histories of the cases asked about most recently, in this process, within a budget of
 * bytes (estimated from their JSON). A case's metrics need its whole history, which is large (about
 * 18 KiB for 100 events): reading and parsing it was most of a request's cost. A row at the same
 * position holds the same history (a rebuild writes what live projection wrote), so the cache only
 * needs to know whether the row's position moved. Least recently used entries leave first.
 */
export class CaseHistoryCache {
  private readonly entries = new Map<string, CachedHistory>();
  private used = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly maxBytes: number) {}

  get(tenant: string, caseId: string): CachedHistory | undefined {
    const key = keyOf(tenant, caseId);
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(tenant: string, caseId: string, entry: CachedHistory): void {
    this.delete(tenant, caseId);
    const bytes = bytesOf(entry);
    if (bytes > this.maxBytes) return;
    this.entries.set(keyOf(tenant, caseId), entry);
    this.used += bytes;
    for (const [key, oldest] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(key);
      this.used -= bytesOf(oldest);
    }
  }

  delete(tenant: string, caseId: string): void {
    const key = keyOf(tenant, caseId);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= bytesOf(entry);
  }

  /** Counts a request answered from the cache (`true`) or by reading the history. */
  count(hit: boolean): void {
    if (hit) this.hitCount++;
    else this.missCount++;
  }

  stats() {
    return { entries: this.entries.size, bytes: Math.round(this.used), maxBytes: this.maxBytes, hits: this.hitCount, misses: this.missCount };
  }
}

const keyOf = (tenant: string, caseId: string) => `${tenant}\u0000${caseId}`;
const bytesOf = (entry: CachedHistory) => entry.size * HEAP_PER_JSON_CHAR;
