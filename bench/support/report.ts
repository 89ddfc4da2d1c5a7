/** What the benchmark prints: machine facts, one line per finished run and the closing table. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { HttpLoadResult } from './http-load';
import { median } from './median';
import type { CpuSnapshot } from './cpu-time';
import type { PgbenchResult, PgbenchVariant } from './pgbench';

/** CPU milliseconds per command or transaction. */
export interface CpuPerUnit {
  /** The benchmark's own process: the API and the load generator's worker thread. */
  readonly benchProcess: number;
  /** pgbench itself (0 in HTTP runs). */
  readonly client: number;
  readonly postgres: number | undefined;
}

export type PgbenchFigures = PgbenchResult & { readonly cpu: CpuPerUnit };

export interface RunFigures {
  readonly connections: number;
  readonly http: HttpLoadResult;
  readonly httpCpu: CpuPerUnit;
  readonly pgbench: Partial<Record<PgbenchVariant, PgbenchFigures>>;
}

export function perUnit(spent: CpuSnapshot, units: number): CpuPerUnit {
  return {
    benchProcess: spent.benchProcessMs / units,
    client: spent.endedChildrenMs / units,
    postgres: spent.postgresMs === undefined ? undefined : spent.postgresMs / units,
  };
}

/** `loadGenerator`: wrk's version, or undefined for autocannon. */
export function machineFacts(loadGenerator: string | undefined): string[] {
  const cpu = cpus();
  return [
    `node ${process.version}, ${cpu.length} CPU${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `The API, PostgreSQL, the load generator (${loadGenerator ?? 'autocannon, in a worker thread'}) and pgbench all share these ${cpu.length} CPUs.`,
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
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

export function httpCpuLine(cpu: CpuPerUnit, separateLoadGenerator: boolean): string {
  return separateLoadGenerator
    ? `CPU per command: API ${ms(cpu.benchProcess)}, load generator ${ms(cpu.client)}, PostgreSQL ${ms(cpu.postgres)}`
    : `CPU per command: API and load generator ${ms(cpu.benchProcess)}, PostgreSQL ${ms(cpu.postgres)}`;
}

export function pgbenchLine(result: PgbenchFigures): string {
  return (
    `pgbench c=${result.clients} ${result.variant}: ${fmt(result.tps)} tps, latency average ${result.latencyAverageMs.toFixed(2)} ms ` +
    `(${result.transactions} transactions, ${result.failed} failed); CPU per transaction: pgbench ${ms(result.cpu.client)}, PostgreSQL ${ms(result.cpu.postgres)}`
  );
}

/** Where the CPU goes: per concurrency, the median CPU per unit of work. */
export function cpuTable(runs: readonly RunFigures[], withWrk: boolean): string {
  const header = [
    'conns',
    withWrk ? 'HTTP: API' : 'HTTP: API (+autocannon)',
    'HTTP: wrk',
    'HTTP: PostgreSQL',
    'read+append: pgbench',
    'read+append: PostgreSQL',
    'append: pgbench',
    'append: PostgreSQL',
  ];
  const rows = concurrencies(runs).map((connections) => {
    const of = medianOf(runs.filter((run) => run.connections === connections));
    return [
      String(connections),
      ms(of((run) => run.httpCpu.benchProcess)),
      ms(of((run) => run.httpCpu.client)),
      ms(of((run) => run.httpCpu.postgres)),
      ms(of((run) => run.pgbench['read+append']?.cpu.client)),
      ms(of((run) => run.pgbench['read+append']?.cpu.postgres)),
      ms(of((run) => run.pgbench.append?.cpu.client)),
      ms(of((run) => run.pgbench.append?.cpu.postgres)),
    ];
  });
  return table(header, rows);
}

const concurrencies = (runs: readonly RunFigures[]) => [...new Set(runs.map((run) => run.connections))];

/** The median of a figure over some runs, skipping runs that lack it. */
const medianOf = (runs: readonly RunFigures[]) => (pick: (run: RunFigures) => number | undefined) =>
  median(runs.map(pick).filter((value): value is number => value !== undefined));

const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(3) : 'n/a');

/** The closing table: one row per concurrency, each figure the median over that concurrency's rounds. */
export function summaryTable(runs: readonly RunFigures[]): string {
  const header = [
    'conns',
    'rounds',
    'HTTP cmd/s (median)',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'non-2xx',
    'pgbench append tps',
    'pgbench read+append tps',
    'HTTP/append',
    'HTTP/read+append',
  ];
  const rows = concurrencies(runs).map((connections) => {
    const rounds = runs.filter((run) => run.connections === connections);
    const of = medianOf(rounds);
    const ratio = (variant: PgbenchVariant) =>
      of(({ http, pgbench }) =>
        pgbench[variant]?.tps ? http.requestsPerSecondMedian / pgbench[variant].tps : undefined,
      );
    return [
      String(connections),
      String(rounds.length),
      fmt(of((run) => run.http.requestsPerSecondMedian)),
      fmt(of((run) => run.http.latencyMs.p50)),
      fmt(of((run) => run.http.latencyMs.p97_5)),
      fmt(of((run) => run.http.latencyMs.p99)),
      String(rounds.reduce((sum, run) => sum + run.http.non2xx, 0)),
      fmt(of((run) => run.pgbench.append?.tps)),
      fmt(of((run) => run.pgbench['read+append']?.tps)),
      percentOf(ratio('append')),
      percentOf(ratio('read+append')),
    ];
  });
  return table(header, rows);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const fmt = (value: number) => (Number.isFinite(value) ? Math.round(value).toString() : 'n/a');

const percentOf = (ratio: number) => (Number.isFinite(ratio) ? `${(100 * ratio).toFixed(0)} %` : 'n/a');

export function seconds(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;
}
