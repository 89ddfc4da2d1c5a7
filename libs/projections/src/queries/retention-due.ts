import type { Pool } from 'pg';
import type { DataSubjectKind } from '@koproduktiv/domain';

/** Personal data whose retention period is over: a closed case's narratives, a dissolved initiative's contact. */
export interface RetentionDue {
  readonly tenant: string;
  readonly kind: DataSubjectKind;
  readonly id: string;
  /** When the case was closed or the initiative dissolved (business time). */
  readonly since: string;
  /** since + the tenant's retentionYears. */
  readonly dueAt: string;
}

/**
 * What the read models know to be due at `now`: closed cases (still closed) whose narratives were
 * not shredded since, and dissolved initiatives whose personal data was not erased since, once
 * `retentionYears(tenant)` calendar years have passed.
 */
export async function retentionDue(
  pool: Pool,
  now: Date,
  retentionYears: (tenant: string) => number,
): Promise<RetentionDue[]> {
  const { rows } = await pool.query<{ tenant: string; kind: DataSubjectKind; id: string; since: string }>(
    `SELECT tenant, 'case-narratives' AS kind, id, doc->>'closedAt' AS since FROM rm_cases
      WHERE doc->>'status' = 'closed' AND doc->>'closedAt' IS NOT NULL AND doc->>'narrativesShreddedAt' IS NULL
     UNION ALL
     SELECT tenant, 'initiative-contact', id, doc->'dissolved'->>'at' FROM rm_initiatives
      WHERE doc->'dissolved'->>'at' IS NOT NULL AND doc->>'personalDataErasedAt' IS NULL
     ORDER BY 4, 1, 3`,
  );
  return rows
    .map((row) => ({ ...row, dueAt: addYears(new Date(row.since), retentionYears(row.tenant)).toISOString() }))
    .filter((row) => Date.parse(row.dueAt) <= now.getTime());
}

const addYears = (date: Date, years: number) => {
  const due = new Date(date);
  due.setUTCFullYear(due.getUTCFullYear() + years);
  return due;
};
