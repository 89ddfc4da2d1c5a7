import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from '@koproduktiv/platform';
import type { CaseHistoryCache } from '@koproduktiv/projections';

/** /metrics: how full the case history cache is and how often it answers, to size CASE_HISTORY_CACHE_MB by. */
export function registerCaseHistoryCacheMetrics(registry: Registry, cache: CaseHistoryCache): void {
  const stats = () => cache.stats();
  scrapedGauge(
    registry,
    'koproduktiv_case_history_cache_bytes',
    'Estimated heap taken by cached case histories',
    () => stats().bytes,
  );
  scrapedGauge(
    registry,
    'koproduktiv_case_history_cache_max_bytes',
    'The budget (CASE_HISTORY_CACHE_MB)',
    () => stats().maxBytes,
  );
  scrapedGauge(
    registry,
    'koproduktiv_case_history_cache_entries',
    'Case histories in the cache',
    () => stats().entries,
  );
  scrapedCounter(
    registry,
    'koproduktiv_case_history_cache_hits_total',
    'Case metrics computed from a cached history',
    () => stats().hits,
  );
  scrapedCounter(
    registry,
    'koproduktiv_case_history_cache_misses_total',
    'Case metrics that read the history from PostgreSQL',
    () => stats().misses,
  );
}
