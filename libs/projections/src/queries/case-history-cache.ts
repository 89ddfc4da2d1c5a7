/** A case history's JSON and the version of the row it was read from. */
export interface CachedHistory {
  /** rm_cases.position when it was read: the last event folded into the row. */
  readonly rowPosition: number;
  readonly json: string;
  /** The read-model position at which the row was last seen at rowPosition. */
  readonly checkedAt: number;
}

/**
 * The histories of the cases asked about most recently, in this process, within a budget of bytes.
 * A case's metrics need its whole history, which is large (about 17 KiB for 100 events): reading it
 * from PostgreSQL was most of a request's cost. A row at the same position holds the same history (a
 * rebuild writes what live projection wrote), so the cache only needs to know whether the row's
 * position moved. Least recently used entries leave first.
 *
 * It keeps the JSON text, not the parsed objects: a string is one object to the garbage collector,
 * a parsed history thousands, and a full cache of those made every major collection long (a 20 ms
 * pause at 128 MB, measured). Parsing again costs about 0.08 ms per request.
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
/** A string of Latin-1 text takes a byte per character (others two; histories are ids, codes and times). */
const bytesOf = (entry: CachedHistory) => entry.json.length;
