import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from '@koproduktiv/platform';
import type { FundStatementCache } from '@koproduktiv/projections';

/** /metrics: how full the fund statement cache is and how often a fund route is answered from it. */
export function registerFundStatementCacheMetrics(registry: Registry, cache: FundStatementCache): void {
  const stats = () => cache.stats();
  scrapedGauge(
    registry,
    'koproduktiv_fund_statement_cache_rows',
    'Statement rows (a fund and its applications) in the fund statement cache',
    () => stats().rows,
  );
  scrapedGauge(registry, 'koproduktiv_fund_statement_cache_max_rows', 'The budget in rows', () => stats().maxRows);
  scrapedCounter(
    registry,
    'koproduktiv_fund_statement_cache_hits_total',
    'Fund reads answered from a cached statement',
    () => stats().hits,
  );
  scrapedCounter(
    registry,
    'koproduktiv_fund_statement_cache_misses_total',
    "Fund reads that computed the statement from the fund's events",
    () => stats().misses,
  );
}
