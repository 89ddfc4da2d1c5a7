import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** What a processor reports about itself (a structural match of ProcessorStatus). */
export interface ProcessorGaugeSource {
  readonly name: string;
  readonly active: boolean;
  readonly caughtUp: boolean;
  readonly position: number;
  readonly lagSeconds: number;
}

/**
 * The Prometheus registry of one process: Node's default metrics plus processor lag and position,
 * read from the processors at scrape time.
 */
export function createMetricsRegistry(processors: () => readonly ProcessorGaugeSource[]): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'koproduktiv_' });
  const gauge = (name: string, help: string, value: (status: ProcessorGaugeSource) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['processor'],
      registers: [registry],
      collect() {
        this.reset();
        for (const status of processors()) this.set({ processor: status.name }, value(status));
      },
    });
  gauge(
    'koproduktiv_processor_lag_seconds',
    'Seconds the processor is behind the store (0 when caught up)',
    (s) => s.lagSeconds,
  );
  gauge('koproduktiv_processor_position', 'Global position of the last event the processor handled', (s) => s.position);
  gauge('koproduktiv_processor_active', '1 if this process holds the processor lock', (s) => (s.active ? 1 : 0));
  gauge('koproduktiv_processor_caught_up', '1 if the processor has handled every visible event', (s) =>
    s.caughtUp ? 1 : 0,
  );
  return registry;
}

/** A counter whose total is read from `value` at scrape time (the process keeps the count itself). */
export const scrapedCounter = (registry: Registry, name: string, help: string, value: () => number): Counter =>
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      if (value()) this.inc(value());
    },
  });

/** A gauge whose value is read from `value` at scrape time. */
export const scrapedGauge = (registry: Registry, name: string, help: string, value: () => number): Gauge =>
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(value());
    },
  });
