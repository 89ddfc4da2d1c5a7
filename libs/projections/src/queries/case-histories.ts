import type { Pool } from 'pg';
import type { CaseHistory } from '@koproduktiv/metrics';
import { CaseHistoryCache } from './case-history-cache';

/** A case row as a query over rm_cases found it: enough to tell whether a cached history is current. */
export interface CaseRowVersion {
  readonly id: string;
  readonly position: number | string;
}

/** Case histories read from rm_cases through the cache. */
export class CaseHistories {
  constructor(
    private readonly pool: Pool,
    readonly cache: CaseHistoryCache,
  ) {}

  /**
   * One case's history. Within one read-model position a cached history is used without asking: it
   * was read at that position or later, and an answer's position is a lower bound. Otherwise
   * PostgreSQL sends the history only if the row's position differs from the cached one.
   */
  async one(tenant: string, caseId: string, position: number): Promise<CaseHistory | undefined> {
    const cached = this.cache.get(tenant, caseId);
    if (cached?.checkedAt === position) {
      this.cache.count(true);
      return this.cache.packer.unpack(cached.packed);
    }
    const { rows } = await this.pool.query<{ position: string; history: string | null }>({
      name: 'kp_case_history_if_moved',
      text: 'SELECT position, CASE WHEN position = $3 THEN NULL ELSE history::text END AS history FROM rm_cases WHERE tenant = $1 AND id = $2',
      values: [tenant, caseId, cached?.rowPosition ?? null],
    });
    const row = rows[0];
    if (!row) {
      this.cache.delete(tenant, caseId);
      return undefined;
    }
    const unmoved = cached !== undefined && row.history === null;
    this.cache.count(unmoved);
    if (unmoved) {
      this.cache.set(tenant, caseId, { ...cached, checkedAt: position });
      return this.cache.packer.unpack(cached.packed);
    }
    return this.taken(tenant, caseId, row as { position: string; history: string }, position, true);
  }

  /**
   * Hands `visit` the history of each row a query just found, in their order: cached ones whose row
   * has not moved, the others read in one statement and offered to the cache (which keeps them only
   * while it has room). A row gone since is left out (a case is never deleted; a rebuild swaps
   * tables). Each history is unpacked right before its visit, so none outlives it: held across the
   * read, they would live long enough for V8 to allocate every unpacked history in the old
   * generation from then on (allocation-site pretenuring), also those of single questions.
   */
  async eachOfRows(
    tenant: string,
    rows: readonly CaseRowVersion[],
    position: number,
    visit: (history: CaseHistory, index: number) => void,
  ): Promise<void> {
    const cached = rows.map((row) => {
      const entry = this.cache.peek(tenant, row.id);
      return entry?.rowPosition === Number(row.position) ? entry.packed : undefined;
    });
    const missing = rows.filter((_, i) => cached[i] === undefined).map((row) => row.id);
    const read = missing.length
      ? await this.pool.query<{ id: string; position: string; history: string }>(
          'SELECT id, position, history::text AS history FROM rm_cases WHERE tenant = $1 AND id = ANY($2::text[])',
          [tenant, missing],
        )
      : { rows: [] };
    const byId = new Map(read.rows.map((row) => [row.id, row]));
    rows.forEach((row, i) => {
      const packed = cached[i];
      if (packed) return visit(this.cache.packer.unpack(packed), i);
      const fresh = byId.get(row.id);
      if (fresh) visit(this.taken(tenant, row.id, fresh, position, false), i);
    });
  }

  /**
   * A history read from PostgreSQL, kept in the cache if it fits: pushing others out for a question
   * about one case (`evict`), only into free room for questions over many. Packing costs about three
   * parses, so it is skipped where the packed history (less than half its JSON) could not fit.
   */
  private taken(
    tenant: string,
    caseId: string,
    read: { position: string; history: string },
    position: number,
    evict: boolean,
  ): CaseHistory {
    if ((evict ? this.cache.maxBytes : this.cache.room()) < read.history.length / 2) {
      if (evict) this.cache.delete(tenant, caseId);
      return JSON.parse(read.history) as CaseHistory;
    }
    const packed = this.cache.packer.pack(read.history);
    const entry = { rowPosition: Number(read.position), packed, checkedAt: position };
    if (evict) this.cache.set(tenant, caseId, entry);
    else this.cache.offer(tenant, caseId, entry);
    return this.cache.packer.unpack(packed);
  }
}
