import type { Pool } from 'pg';
import { emptyFundHistory, FundEntry, FundEntryFields, FundHistory } from '@koproduktiv/metrics';
import { tableName } from '../read-models/schema';

interface FundEventRow {
  fund_id: string;
  at: Date;
  pos: string;
  entry: FundEntryFields;
}

/**
 * Reads funds' histories from the rm_fund_events rows of a generation (not the view: a generation
 * made before these rows were kept has the table, made by its projector, but no view of it until the
 * next rebuild swaps one in). Without the table, a fund has no history yet.
 */
async function rows(pool: Pool, generation: number, where: string, params: unknown[]): Promise<FundEventRow[]> {
  try {
    const { rows: found } = await pool.query<FundEventRow>(
      `SELECT fund_id, at, pos, entry FROM ${tableName('rm_fund_events', generation)} WHERE ${where} ORDER BY at, pos`,
      params,
    );
    return found;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}

const entryOf = (row: FundEventRow): FundEntry => ({ ...row.entry, at: row.at.toISOString(), pos: Number(row.pos) });

/** One fund's history. */
export async function fundHistory(
  pool: Pool,
  generation: number,
  tenant: string,
  fundId: string,
): Promise<FundHistory> {
  const found = await rows(pool, generation, 'tenant = $1 AND fund_id = $2', [tenant, fundId]);
  return { ...emptyFundHistory(fundId), entries: found.map(entryOf) };
}

/** The histories of every fund of a tenant. */
export async function tenantFundHistories(pool: Pool, generation: number, tenant: string): Promise<FundHistory[]> {
  const byFund = new Map<string, FundEntry[]>();
  for (const row of await rows(pool, generation, 'tenant = $1', [tenant])) {
    const entries = byFund.get(row.fund_id) ?? [];
    entries.push(entryOf(row));
    byFund.set(row.fund_id, entries);
  }
  return [...byFund.entries()].map(([fundId, entries]) => ({ ...emptyFundHistory(fundId), entries }));
}

/**
 * The grant procedures of some cases of a tenant: per case, per fund, the fund's entries naming it
 * (from the active generation's view). Undefined while that generation has no such view (made by a
 * version before rm_fund_events; the projector rebuilds it).
 */
export async function caseFundHistories(
  pool: Pool,
  tenant: string,
  caseIds: readonly string[],
): Promise<Map<string, FundHistory[]> | undefined> {
  let found: FundEventRow[];
  try {
    ({ rows: found } = await pool.query<FundEventRow>(
      `SELECT fund_id, at, pos, entry FROM rm_fund_events
       WHERE tenant = $1 AND entry->>'caseId' = ANY($2::text[]) ORDER BY at, pos`,
      [tenant, caseIds],
    ));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return undefined;
    throw error;
  }
  const byCase = new Map<string, Map<string, FundEntry[]>>();
  for (const row of found) {
    const caseId = row.entry.caseId as string;
    const byFund = byCase.get(caseId) ?? new Map<string, FundEntry[]>();
    const entries = byFund.get(row.fund_id) ?? [];
    entries.push(entryOf(row));
    byFund.set(row.fund_id, entries);
    byCase.set(caseId, byFund);
  }
  return new Map(
    [...byCase].map(([caseId, byFund]) => [
      caseId,
      [...byFund].map(([fundId, entries]) => ({ ...emptyFundHistory(fundId), entries })),
    ]),
  );
}
