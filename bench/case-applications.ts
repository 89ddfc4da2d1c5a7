/**
 * How long a clerk's case file takes to read its funding applications (libs/projections
 * caseApplications: the fund events naming the case, from rm_fund_events, and its funds'
 * statements) when the municipality's fund has `--applications` applications of as many cases, each
 * through eight events of the grant procedure. Embedded PostgreSQL; `--rounds` cases read, the
 * median and 90th percentile printed.
 *
 *   npm run bench:case-applications -- [--applications 10000] [--rounds 50]
 */
import { caseApplications } from '@koproduktiv/projections';
import {
  GRANT_PROCEDURE,
  positiveIntegerOption,
  seedFundReadModel,
  withBenchDatabase,
} from './support/fund-read-model';
import { median } from './support/median';

async function main(): Promise<void> {
  const applications = positiveIntegerOption('applications', 10_000);
  const rounds = positiveIntegerOption('rounds', 50);
  await withBenchDatabase(async (pool) => {
    const { caseIds: cases } = await seedFundReadModel(pool, 'musterstadt', applications, {
      amountCents: 100_000,
      proofDueOn: '2026-12-31',
    });
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
    console.log(`fund with ${applications} applications, ${applications * GRANT_PROCEDURE.length} events`);
    console.log(
      `caseApplications of one case: median ${median(times).toFixed(2)} ms, p90 ${times[Math.floor(rounds * 0.9)].toFixed(2)} ms over ${rounds} cases`,
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
