/**
 * How long a clerk's case file takes to read its funding applications (libs/projections
 * caseApplications: the fund events naming the case, from rm_fund_events, and its funds'
 * statements) when the municipality's fund has `--applications` applications of as many cases, each
 * through eight events of the grant procedure. Embedded PostgreSQL; `--rounds` cases read, the
 * median and 90th percentile printed.
 *
 *   npm run bench:case-applications -- [--applications 10000] [--rounds 50]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, startEmbeddedPostgres } from '@koproduktiv/platform';
import { caseApplications, ensureReadModels } from '@koproduktiv/projections';
import { median } from './support/median';

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};

const PROCEDURE = [
  'ApplicationReceived',
  'GrantAwarded',
  'GrantDisbursed',
  'ProofOfUseSubmitted',
  'ProofOfUseReviewed',
  'GrantReclaimed',
  'RepaymentRecorded',
  'ApplicationSettled',
];

async function main(): Promise<void> {
  const applications = option('applications', 10_000);
  const rounds = option('rounds', 50);
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-bench-'));
  const postgres = await startEmbeddedPostgres({ dataDir });
  const pool = createPool({ connectionString: postgres.url, max: 2, applicationName: 'koproduktiv-bench' });
  try {
    await ensureReadModels(pool);
    const fundId = randomUUID();
    const cases = Array.from({ length: applications }, () => randomUUID());
    await pool.query("INSERT INTO rm_funds VALUES ('musterstadt', $1, $2, 1)", [fundId, { fundId, name: 'Fonds' }]);
    for (let from = 0; from < cases.length; from += 1000) {
      const rows = cases.slice(from, from + 1000).flatMap((caseId, i) => {
        const applicationId = randomUUID();
        return PROCEDURE.map((type, step) => {
          const pos = (from + i) * PROCEDURE.length + step + 1;
          return {
            pos,
            at: new Date(Date.UTC(2026, 0, 1) + pos * 60_000).toISOString(),
            entry: { type, applicationId, caseId, amountCents: 100_000, proofDueOn: '2026-12-31' },
          };
        });
      });
      await pool.query(
        `INSERT INTO rm_fund_events SELECT 'musterstadt', $1, (r->>'pos')::bigint, (r->>'at')::timestamptz, r->'entry'
         FROM jsonb_array_elements($2::jsonb) r`,
        [fundId, JSON.stringify(rows)],
      );
    }
    await pool.query('ANALYZE');
    const asOf = new Date(Date.UTC(2027, 0, 1));
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const caseId = cases[Math.floor(Math.random() * cases.length)];
      const started = process.hrtime.bigint();
      const found = await caseApplications(pool, 'musterstadt', caseId, asOf, 'Europe/Berlin');
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (found.length !== 1 || found[0].status !== 'settled') throw new Error(`unexpected answer for ${caseId}`);
    }
    times.sort((a, b) => a - b);
    console.log(`fund with ${applications} applications, ${applications * PROCEDURE.length} events`);
    console.log(
      `caseApplications of one case: median ${median(times).toFixed(2)} ms, p90 ${times[Math.floor(rounds * 0.9)].toFixed(2)} ms over ${rounds} cases`,
    );
  } finally {
    await pool.end();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
