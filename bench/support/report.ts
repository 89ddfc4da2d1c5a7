/** What the benchmark prints: machine facts, one line per finished run and the closing table. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { HttpLoadResult } from './http-load';
import type { PgbenchResult, PgbenchVariant } from './pgbench';

export interface RunFigures {
  readonly connections: number;
  readonly http: HttpLoadResult;
  readonly pgbench: Partial<Record<PgbenchVariant, PgbenchResult>>;
}

export function machineFacts(): string[] {
  const cpu = cpus();
  return [
    `node ${process.version}, ${cpu.length} CPU${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `The API, PostgreSQL, the load generator (autocannon, in a worker thread) and pgbench all share these ${cpu.length} CPUs.`,
    `load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} (1, 5, 15 min)`,
  ];
}

export function httpLine(result: HttpLoadResult): string {
  const { latencyMs: l } = result;
  return (
    `HTTP c=${result.connections}: ${fmt(result.requestsPerSecondMedian)} cmd/s median, ${fmt(result.requestsPerSecondMean)} mean ` +
    `(${result.completed} in ${result.durationSeconds} s); latency p50 ${l.p50} ms, p97.5 ${l.p97_5} ms, p99 ${l.p99} ms, max ${l.max} ms; ` +
    `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`
  );
}

export function pgbenchLine(result: PgbenchResult): string {
  return (
    `pgbench c=${result.clients} ${result.variant}: ${fmt(result.tps)} tps, latency average ${result.latencyAverageMs.toFixed(2)} ms ` +
    `(${result.transactions} transactions, ${result.failed} failed)`
  );
}

/** The closing table: one row per concurrency. */
export function summaryTable(runs: readonly RunFigures[]): string {
  const header = ['conns', 'HTTP cmd/s (median)', 'mean', 'p50 ms', 'p97.5 ms', 'p99 ms', 'non-2xx', 'pgbench append tps', 'pgbench read+append tps', 'HTTP/append', 'HTTP/read+append'];
  const rows = runs.map(({ connections, http, pgbench }) => [
    String(connections),
    fmt(http.requestsPerSecondMedian),
    fmt(http.requestsPerSecondMean),
    String(http.latencyMs.p50),
    String(http.latencyMs.p97_5),
    String(http.latencyMs.p99),
    String(http.non2xx),
    pgbench.append ? fmt(pgbench.append.tps) : 'n/a',
    pgbench['read+append'] ? fmt(pgbench['read+append'].tps) : 'n/a',
    percent(http.requestsPerSecondMedian, pgbench.append?.tps),
    percent(http.requestsPerSecondMedian, pgbench['read+append']?.tps),
  ]);
  return table(header, rows);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const fmt = (value: number) => (Number.isFinite(value) ? Math.round(value).toString() : 'n/a');

const percent = (part: number, whole: number | undefined) => (whole ? `${((100 * part) / whole).toFixed(0)} %` : 'n/a');

export function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
