import type { Pool } from 'pg';
import { ApplicationStatement, fundStatement } from '@koproduktiv/metrics';
import { caseFundHistories } from './fund-histories';

/** A case's funding application as its fund's statement has it as of T, with the fund's name. */
export type CaseApplication = ApplicationStatement & { readonly fundId: string; readonly fundName: string | null };

/**
 * A case's funding applications as of T: each fund's statement computed over the fund's entries
 * naming the case (what the worklist reads for proofs of use), so the amounts, proofDueOn and the
 * proof state are the fund statement's own. Oldest application first. Ids, amounts, dates and
 * outcomes only: a purpose, rationale or reason never reaches the read models.
 */
export async function caseApplications(
  pool: Pool,
  tenant: string,
  caseId: string,
  asOf: Date,
  timeZone: string,
): Promise<CaseApplication[]> {
  // Without the fund events (read models of an older version, being rebuilt): no application known yet.
  const histories = (await caseFundHistories(pool, tenant, [caseId]))?.get(caseId) ?? [];
  if (histories.length === 0) return [];
  const { rows } = await pool.query<{ id: string; name: string | null }>(
    "SELECT id, doc->>'name' AS name FROM rm_funds WHERE tenant = $1 AND id = ANY($2::text[])",
    [tenant, histories.map((history) => history.fundId)],
  );
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return histories
    .flatMap((history) =>
      fundStatement(history, asOf, timeZone)
        .applications.filter((application) => application.caseId === caseId)
        .map((application) => ({
          fundId: history.fundId as string,
          fundName: names.get(history.fundId as string) ?? null,
          ...application,
        })),
    )
    .sort(
      (a, b) =>
        (a.receivedAt ?? a.awardedAt ?? '').localeCompare(b.receivedAt ?? b.awardedAt ?? '') ||
        a.applicationId.localeCompare(b.applicationId),
    );
}
