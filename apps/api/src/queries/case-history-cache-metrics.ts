import { Counter, Gauge, Registry } from 'prom-client';
import type { CaseHistoryCache } from '@koproduktiv/projections';

/** /metrics: how full the case history cache is and how often it answers, to size CASE_HISTORY_CACHE_MB by. */
export function registerCaseHistoryCacheMetrics(registry: Registry, cache: CaseHistoryCache): void {
  const stats = () => cache.stats();
  new Gauge({
    name: 'koproduktiv_case_history_cache_bytes',
    help: 'Estimated heap taken by cached case histories',
    registers: [registry],
    collect() {
      this.set(stats().bytes);
    },
  });
  new Gauge({
    name: 'koproduktiv_case_history_cache_max_bytes',
    help: 'The budget (CASE_HISTORY_CACHE_MB)',
    registers: [registry],
    collect() {
      this.set(stats().maxBytes);
    },
  });
  new Gauge({
    name: 'koproduktiv_case_history_cache_entries',
    help: 'Case histories in the cache',
    registers: [registry],
    collect() {
      this.set(stats().entries);
    },
  });
  const counter = (name: string, help: string, value: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  counter(
    'koproduktiv_case_history_cache_hits_total',
    'Case metrics computed from a cached history',
    () => stats().hits,
  );
  counter(
    'koproduktiv_case_history_cache_misses_total',
    'Case metrics that read the history from PostgreSQL',
    () => stats().misses,
  );
}
