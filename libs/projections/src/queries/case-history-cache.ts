import { HistoryPacker, PackedHistory } from './packed-history';

/** A case history as the cache keeps it (packed) and the version of the row it came from. */
export interface CachedHistory {
  /** rm_cases.position when it was read: the last event folded into the row. */
  readonly rowPosition: number;
  readonly packed: PackedHistory;
  /** The read-model position at which the row was last seen at rowPosition. */
  readonly checkedAt: number;
}

/**
 * The histories of the cases asked about most recently, in this process, within a budget of bytes.
 * A case's metrics need its whole history, which is large (about 17 KiB of JSON for 100 events):
 * reading and parsing it was most of a request's cost. A row at the same position holds the same
 * history (a rebuild writes what live projection wrote), so the cache only needs to know whether
 * the row's position moved. Least recently used entries leave first.
 *
 * It keeps histories packed (PackedHistory: times as numbers, repeated strings shared, a few objects
 * per history), about 7 KiB for 100 events; a question answered from it unpacks, and parses nothing.
 */
export class CaseHistoryCache {
  private readonly entries = new Map<string, CachedHistory>();
  /** Packs every history this cache takes in, and unpacks it for each question. */
  readonly packer = new HistoryPacker();
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

  /** The entry without counting it as used: questions over every case do not reorder the cache. */
  peek(tenant: string, caseId: string): CachedHistory | undefined {
    return this.entries.get(keyOf(tenant, caseId));
  }

  /** Keeps the entry, making room by dropping the least recently used. */
  set(tenant: string, caseId: string, entry: CachedHistory): void {
    this.delete(tenant, caseId);
    if (entry.packed.bytes > this.maxBytes) return;
    this.entries.set(keyOf(tenant, caseId), entry);
    this.used += entry.packed.bytes;
    for (const [key, oldest] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(key);
      this.used -= oldest.packed.bytes;
    }
  }

  /**
   * Keeps the entry only if it fits in the room left. For questions that walk every case (a
   * summary): they fill an empty cache, but never push out the cases asked about one by one.
   */
  offer(tenant: string, caseId: string, entry: CachedHistory): void {
    const previous = this.entries.get(keyOf(tenant, caseId));
    if (this.used - (previous?.packed.bytes ?? 0) + entry.packed.bytes <= this.maxBytes)
      this.set(tenant, caseId, entry);
  }

  /** Bytes left in the budget. */
  room(): number {
    return this.maxBytes - this.used;
  }

  delete(tenant: string, caseId: string): void {
    const key = keyOf(tenant, caseId);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.packed.bytes;
  }

  /** Counts a question about one case answered from the cache (`true`) or by reading the history. */
  count(hit: boolean): void {
    if (hit) this.hitCount++;
    else this.missCount++;
  }

  stats() {
    return {
      entries: this.entries.size,
      bytes: this.used,
      maxBytes: this.maxBytes,
      hits: this.hitCount,
      misses: this.missCount,
    };
  }
}

const keyOf = (tenant: string, caseId: string) => `${tenant}\u0000${caseId}`;
