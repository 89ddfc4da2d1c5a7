import type { Pool } from 'pg';
import type { CaseHistory } from '@koproduktiv/metrics';
import { CaseHistoryCache } from './case-history-cache';
import { residentHistory } from './resident-history';

/** A case row as a query over rm_cases found it: enough to tell whether a cached history is current. */
export interface CaseRowVersion {
  readonly id: string;
  readonly position: number | string;
}

/** Case histories read from rm_cases through the cache. */
export class CaseHistories {
  constructor(private readonly pool: Pool, readonly cache: CaseHistoryCache) {}

  /**
   * One case's history. Within one read-model position a cached history is used without asking: it
   * was read at that position or later, and an answer's position is a lower bound. Otherwise
   * PostgreSQL sends the history only if the row's position differs from the cached one.
   */
  async one(tenant: string, caseId: string, position: number): Promise<CaseHistory | undefined> {
    const cached = this.cache.get(tenant, caseId);
    if (cached?.checkedAt === position) {
      this.cache.count(true);
      return cached.history;
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
      return cached.history;
    }
    const { history, bytes } = residentHistory(row.history as string, this.cache.strings);
    this.cache.set(tenant, caseId, { rowPosition: Number(row.position), history, bytes, checkedAt: position });
    return history;
  }

  /**
   * The histories of rows a query just found, in their order: cached ones whose row has not moved,
   * the others read in one statement and offered to the cache (which keeps them only while it has
   * room). Undefined for a row gone since (a case is never deleted; a rebuild swaps tables).
   */
  async ofRows(tenant: string, rows: readonly CaseRowVersion[], position: number): Promise<(CaseHistory | undefined)[]> {
    const found = rows.map((row) => {
      const cached = this.cache.peek(tenant, row.id);
      return cached?.rowPosition === Number(row.position) ? cached.history : undefined;
    });
    const missing = rows.filter((_, i) => found[i] === undefined).map((row) => row.id);
    if (!missing.length) return found;
    const { rows: read } = await this.pool.query<{ id: string; position: string; history: string }>(
      'SELECT id, position, history::text AS history FROM rm_cases WHERE tenant = $1 AND id = ANY($2::text[])',
      [tenant, missing],
    );
    const byId = new Map(read.map((row) => [row.id, row]));
    return rows.map((row, i) => {
      const fresh = byId.get(row.id);
      if (found[i] !== undefined || !fresh) return found[i];
      const { history, bytes } = residentHistory(fresh.history, this.cache.strings);
      this.cache.offer(tenant, row.id, { rowPosition: Number(fresh.position), history, bytes, checkedAt: position });
      return history;
    });
  }
}
