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
import type { Pool } from 'pg';
import { DEFAULT_METRICS_SETTINGS } from '@koproduktiv/metrics';
import { FundStatementCache, ReadModelQueries, tableName } from '@koproduktiv/projections';
import {
  GRANT_PROCEDURE,
  positiveIntegerOption,
  seedFundReadModel,
  withBenchDatabase,
} from './support/fund-read-model';
import { median } from './support/median';

const TENANT = 'musterstadt';

/** A fund's read model as the projector leaves it: the fund's row, its events' rows, the tenant's position. */
async function seed(pool: Pool, applications: number): Promise<string> {
  const { fundId, lastPosition, generation } = await seedFundReadModel(pool, TENANT, applications, {
    amountCents: 100_000,
    proofDueOn: '2026-12-31',
    outcome: 'accepted',
  });
  await pool.query(`INSERT INTO ${tableName('rm_tenant_positions', generation)} VALUES ($1, $2)`, [
    TENANT,
    lastPosition,
  ]);
  await pool.query(`INSERT INTO kp_checkpoints (name, position) VALUES ($1, $2)`, [
    `read-models@g${generation}`,
    lastPosition,
  ]);
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
  const applications = positiveIntegerOption('applications', 10_000);
  const rounds = positiveIntegerOption('rounds', 5);
  if (rounds < 2) throw new Error('--rounds must be at least 2: the first round is reported on its own');
  await withBenchDatabase(async (pool) => {
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
      `fund with ${applications} applications, ${applications * GRANT_PROCEDURE.length} events; ` +
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
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
