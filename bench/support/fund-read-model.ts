import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createPool, startEmbeddedPostgres } from '@koproduktiv/platform';
import { ensureReadModels } from '@koproduktiv/projections';

/** `--name N` from the command line: a whole number above 0, or `fallback` when not given. */
export function positiveIntegerOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** The path of every application in the fund benchmarks: the whole grant procedure, eight events. */
export const GRANT_PROCEDURE = [
  'ApplicationReceived',
  'GrantAwarded',
  'GrantDisbursed',
  'ProofOfUseSubmitted',
  'ProofOfUseReviewed',
  'GrantReclaimed',
  'RepaymentRecorded',
  'ApplicationSettled',
] as const;

export interface SeededFund {
  readonly fundId: string;
  /** One case per application, in the order of their events. */
  readonly caseIds: readonly string[];
  /** The position of the last event (one position per event, from 1). */
  readonly lastPosition: number;
  /** The read models' generation the rows are in (ensureReadModels). */
  readonly generation: number;
}

/**
 * A fund's read model rows as the projector writes them: its row in rm_funds and, for each of
 * `applications` applications of a case of its own, the GRANT_PROCEDURE's events in rm_fund_events
 * (a minute apart from 1 Jan 2026), each entry with `entryFields` besides its type and ids.
 */
export async function seedFundReadModel(
  pool: Pool,
  tenant: string,
  applications: number,
  entryFields: Readonly<Record<string, unknown>>,
): Promise<SeededFund> {
  const generation = await ensureReadModels(pool);
  const fundId = randomUUID();
  const caseIds = Array.from({ length: applications }, () => randomUUID());
  await pool.query('INSERT INTO rm_funds VALUES ($1, $2, $3, 1)', [tenant, fundId, { fundId, name: 'Fonds' }]);
  for (let from = 0; from < applications; from += 1000) {
    const rows = caseIds.slice(from, from + 1000).flatMap((caseId, i) => {
      const applicationId = randomUUID();
      return GRANT_PROCEDURE.map((type, step) => {
        const pos = (from + i) * GRANT_PROCEDURE.length + step + 1;
        return {
          pos,
          at: new Date(Date.UTC(2026, 0, 1) + pos * 60_000).toISOString(),
          entry: { type, applicationId, caseId, ...entryFields },
        };
      });
    });
    await pool.query(
      `INSERT INTO rm_fund_events SELECT $1, $2, (r->>'pos')::bigint, (r->>'at')::timestamptz, r->'entry'
       FROM jsonb_array_elements($3::jsonb) r`,
      [tenant, fundId, JSON.stringify(rows)],
    );
  }
  return { fundId, caseIds, lastPosition: applications * GRANT_PROCEDURE.length, generation };
}

/** An embedded PostgreSQL in a directory of its own and a pool of two on it, for `work`; removed after. */
export async function withBenchDatabase(work: (pool: Pool) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-bench-'));
  const postgres = await startEmbeddedPostgres({ dataDir });
  const pool = createPool({ connectionString: postgres.url, max: 2, applicationName: 'koproduktiv-bench' });
  try {
    await work(pool);
  } finally {
    await pool.end();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
