import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { MetricsSettings } from '@koproduktiv/metrics';

/**
 * Bump when what a case snapshot is computed from or how changes (a metric's definition, the
 * snapshot's fields): kept snapshots of another version are not used, and the keeper recomputes them.
 * kept-snapshot-version.spec.ts pins what this version computes, and fails when that changes and this did not.
 */
export const KEPT_SNAPSHOT_VERSION = 2;

/**
 * Kept snapshots, per tenant and T. `generation` and `position`: the read models they were computed
 * from, every case row up to that store position included. `settings`: a fingerprint of the tenant's
 * metric settings and KEPT_SNAPSHOT_VERSION; a reader with other settings does not use them.
 * `aggregate`: the aggregate of all the cases (aggregateReporting, JSON), the unfiltered question's.
 * Not a read-model table of a generation: a rebuild leaves them to be recomputed from the new generation.
 */
export const KEPT_SNAPSHOTS_DDL = `CREATE TABLE IF NOT EXISTS kp_kept_snapshots (
  tenant text NOT NULL, as_of timestamptz NOT NULL, generation integer NOT NULL, position bigint NOT NULL,
  settings text NOT NULL, cases bytea NOT NULL, computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, as_of));
  ALTER TABLE kp_kept_snapshots ADD COLUMN IF NOT EXISTS aggregate text`;

export const settingsFingerprint = (settings: MetricsSettings): string =>
  createHash('sha256')
    .update(JSON.stringify([KEPT_SNAPSHOT_VERSION, settings]))
    .digest('base64url')
    .slice(0, 22);

/** What a kept row says about itself. */
export interface KeptRowVersion {
  readonly asOf: Date;
  readonly generation: number;
  readonly position: number;
  readonly settings: string;
}

export interface KeptRow extends KeptRowVersion {
  readonly cases: Buffer;
  /** The aggregate of all the cases, as JSON (null in rows of version 1). */
  readonly aggregate: string | null;
}

const isMissingTable = (error: unknown) => (error as { code?: string }).code === '42P01';

/** The tenant's kept rows (with their data only for `withCases` instants); none while the table does not exist. */
export async function readKeptRows(
  pool: Pool,
  tenant: string,
  withCases: readonly Date[],
): Promise<{ versions: KeptRowVersion[]; rows: KeptRow[] }> {
  try {
    const { rows } = await pool.query<{
      as_of: Date;
      generation: number;
      position: string;
      settings: string;
      cases: Buffer | null;
      aggregate: string | null;
    }>(
      `SELECT as_of, generation, position, settings, CASE WHEN as_of = ANY($2::timestamptz[]) THEN cases END AS cases,
         CASE WHEN as_of = ANY($2::timestamptz[]) THEN aggregate END AS aggregate
       FROM kp_kept_snapshots WHERE tenant = $1`,
      [tenant, withCases],
    );
    const versions = rows.map((row) => ({
      asOf: row.as_of,
      generation: row.generation,
      position: Number(row.position),
      settings: row.settings,
    }));
    return {
      versions,
      rows: rows.flatMap((row, i) =>
        row.cases ? [{ ...versions[i], cases: row.cases, aggregate: row.aggregate }] : [],
      ),
    };
  } catch (error) {
    if (isMissingTable(error)) return { versions: [], rows: [] };
    throw error;
  }
}
