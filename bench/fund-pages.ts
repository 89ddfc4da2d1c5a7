/**
 * What paging through a large fund costs over its read model (libs/projections ReadModelQueries,
 * embedded PostgreSQL): a fund of `--applications` applications, each through eight events of the
 * grant procedure. Measured with the fund statement cache, and with a cache of no room (every page
 * computes the statement from all the fund's events, as before the cache):
 *   - walking every page of the applications (`GET /v1/funds/{id}/applications`, 200 a page),
 *   - walking every page of the statement (`/statement?limit=1000`),
 *   - the fund's figures with their first page of decisions (`GET /v1/funds/{id}`), asked again.
 * `--rounds` walks each: the first (which computes the statement, cached) and the median of the
 * others are printed, and the ratio of those medians. The cached walks share one cache, as the
 * routes do: the statement walk finds what the applications walk computed.
 *
 *   npm run bench:fund-pages -- [--applications 10000] [--rounds 5]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { DEFAULT_METRICS_SETTINGS } from '@koproduktiv/metrics';
import { createPool, startEmbeddedPostgres } from '@koproduktiv/platform';
import { ensureReadModels, FundStatementCache, ReadModelQueries, tableName } from '@koproduktiv/projections';
import { median } from './support/median';

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};

const TENANT = 'musterstadt';
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

/** A fund's read model as the projector leaves it: the fund's row, its events' rows, the tenant's position. */
async function seed(pool: Pool, applications: number): Promise<string> {
  const generation = await ensureReadModels(pool);
  const fundId = randomUUID();
  await pool.query('INSERT INTO rm_funds VALUES ($1, $2, $3, 1)', [TENANT, fundId, { fundId, name: 'Fonds' }]);
  for (let from = 0; from < applications; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, applications - from) }, (_, i) => {
      const ids = { applicationId: randomUUID(), caseId: randomUUID() };
      return PROCEDURE.map((type, step) => {
        const pos = (from + i) * PROCEDURE.length + step + 1;
        return {
          pos,
          at: new Date(Date.UTC(2026, 0, 1) + pos * 60_000).toISOString(),
          entry: { type, ...ids, amountCents: 100_000, proofDueOn: '2026-12-31', outcome: 'accepted' },
        };
      });
    }).flat();
    await pool.query(
      `INSERT INTO rm_fund_events SELECT $1, $2, (r->>'pos')::bigint, (r->>'at')::timestamptz, r->'entry'
       FROM jsonb_array_elements($3::jsonb) r`,
      [TENANT, fundId, JSON.stringify(rows)],
    );
  }
  const last = applications * PROCEDURE.length;
  await pool.query(`INSERT INTO ${tableName('rm_tenant_positions', generation)} VALUES ($1, $2)`, [TENANT, last]);
  await pool.query(`INSERT INTO kp_checkpoints (name, position) VALUES ($1, $2)`, [`read-models@g${generation}`, last]);
  await pool.query('ANALYZE');
  return fundId;
}

/** Follows nextCursor from the first page to the last; how many pages. */
async function walk(next: (cursor?: string) => Promise<{ nextCursor: string | null } | undefined>): Promise<number> {
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    if (!page) throw new Error('the fund is gone');
    pages++;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

async function main(): Promise<void> {
  const applications = option('applications', 10_000);
  const rounds = option('rounds', 5);
  if (rounds < 2) throw new Error('--rounds must be at least 2: the first round is reported on its own');
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-bench-'));
  const postgres = await startEmbeddedPostgres({ dataDir });
  const pool = createPool({ connectionString: postgres.url, max: 2, applicationName: 'koproduktiv-bench' });
  try {
    const fundId = await seed(pool, applications);
    const asOf = new Date(Date.UTC(2026, 11, 31));
    const settings = () => DEFAULT_METRICS_SETTINGS;
    const measure = async (rows: number) => {
      const queries = new ReadModelQueries(pool, settings, undefined, undefined, new FundStatementCache(rows));
      /** The first round (the one that computes the statement, cached) and the median of the others. */
      const times = async (work: () => Promise<unknown>) => {
        const ms: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const started = process.hrtime.bigint();
          await work();
          ms.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        return { first: ms[0], then: median(ms.slice(1)) };
      };
      let pages = 0;
      const applicationPages = await times(async () => {
        pages = await walk(async (cursor) => {
          const page = await queries.fundApplications(TENANT, fundId, { asOf, limit: 200, cursor });
          return page?.data;
        });
      });
      let statementPages = 0;
      const statement = await times(async () => {
        statementPages = await walk(
          async (cursor) => (await queries.fundStatementPage(TENANT, fundId, asOf, { limit: 1000, cursor }))?.data,
        );
      });
      const fund = await times(() => queries.fund(TENANT, fundId, asOf));
      return { applicationPages, pages, statement, statementPages, fund };
    };
    const before = await measure(0);
    const after = await measure(100_000);
    console.log(
      `fund with ${applications} applications, ${applications * PROCEDURE.length} events; ` +
        `the first round, then the median of the other ${rounds - 1}`,
    );
    type Timed = { first: number; then: number };
    const line = (what: string, was: Timed, is: Timed) =>
      console.log(
        `${what.padEnd(42)} no cache ${was.first.toFixed(1)} ms, then ${was.then.toFixed(1)} ms; ` +
          `cached ${is.first.toFixed(1)} ms, then ${is.then.toFixed(1)} ms (${(was.then / is.then).toFixed(0)}× less)`,
      );
    line(`applications, all ${after.pages} pages of 200`, before.applicationPages, after.applicationPages);
    line(`statement, all ${after.statementPages} pages of 1000`, before.statement, after.statement);
    line('fund figures and first page of decisions', before.fund, after.fund);
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
