import { AppConfig } from '@koproduktiv/config';

/** Benchmark options from argv (`--duration 5` or `--duration=5`) or the environment (`BENCH_DURATION=5`). */

export interface BenchOptions {
  /** Seconds of each measured run (HTTP and pgbench alike). */
  readonly durationSeconds: number;
  /** Seconds of load before each measured run, not counted. */
  readonly warmupSeconds: number;
  /** Each concurrency is measured this many times, alternating with pgbench; the summary takes medians. */
  readonly rounds: number;
  /** Concurrent connections, one measured run each. */
  readonly connections: readonly number[];
  /** Cases created before each run; the run's commands are spread over them. */
  readonly cases: number;
  /** The API's database pool; by default the service's own default (DATABASE_POOL_SIZE). */
  readonly poolSize: number;
  readonly logLevel: string;
  /** Whether the codec seals personal data (the service always does; off only to measure its cost). */
  readonly sealing: boolean;
  /** Whether to measure pgbench's rate beside HTTP (off for runs that only compare HTTP figures). */
  readonly pgbench: boolean;
  /** Where to write the runs' figures as JSON, for a script that compares several runs (bench:sealing). */
  readonly resultFile: string | undefined;
}

const DEFAULT_POOL_SIZE = new AppConfig().DATABASE_POOL_SIZE;

export const USAGE = `Usage: npm run bench:commands -- [--duration S] [--warmup S] [--connections 16,64] [--rounds N] [--cases N] [--pool-size N] [--log-level warn] [--sealing on|off] [--pgbench on|off] [--result-file F]
  (or BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_CASES, BENCH_POOL_SIZE, BENCH_LOG_LEVEL, BENCH_SEALING, BENCH_PGBENCH, BENCH_RESULT_FILE)
  defaults: --duration 15 --warmup 3 --connections 16,64 --rounds 3 --cases 2000 --pool-size ${DEFAULT_POOL_SIZE} (the service's default) --log-level warn --sealing on --pgbench on`;

export class UsageError extends Error {}

export function parseOptions(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const given = { ...fromEnv(env), ...fromArgv(argv) };
  const known = [
    'duration',
    'warmup',
    'connections',
    'rounds',
    'cases',
    'pool-size',
    'log-level',
    'sealing',
    'pgbench',
    'result-file',
  ];
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length) throw new UsageError(`Unknown option ${unknown.map((key) => `--${key}`).join(', ')}`);
  const options = {
    durationSeconds: positiveInt('duration', given.duration ?? '15'),
    warmupSeconds: positiveInt('warmup', given.warmup ?? '3', true),
    connections: (given.connections ?? '16,64').split(',').map((value) => positiveInt('connections', value.trim())),
    rounds: positiveInt('rounds', given.rounds ?? '3'),
    cases: positiveInt('cases', given.cases ?? '2000'),
    poolSize: positiveInt('pool-size', given['pool-size'] ?? String(DEFAULT_POOL_SIZE)),
    logLevel: given['log-level'] ?? 'warn',
    sealing: onOff('sealing', given.sealing ?? 'on'),
    pgbench: onOff('pgbench', given.pgbench ?? 'on'),
    resultFile: given['result-file'],
  };
  // Every connection works on cases of its own.
  if (options.cases < Math.max(...options.connections))
    throw new UsageError('--cases must be at least the largest number of connections');
  return options;
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = {
    BENCH_DURATION: 'duration',
    BENCH_WARMUP: 'warmup',
    BENCH_CONNECTIONS: 'connections',
    BENCH_ROUNDS: 'rounds',
    BENCH_CASES: 'cases',
    BENCH_POOL_SIZE: 'pool-size',
    BENCH_LOG_LEVEL: 'log-level',
    BENCH_SEALING: 'sealing',
    BENCH_PGBENCH: 'pgbench',
    BENCH_RESULT_FILE: 'result-file',
  };
  return Object.fromEntries(
    Object.entries(names).flatMap(([variable, key]) => (env[variable] ? [[key, env[variable] as string]] : [])),
  );
}

function fromArgv(argv: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
    if (!match) throw new UsageError(`Unexpected argument ${argv[index]}`);
    const value = match[2] ?? argv[++index];
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  return options;
}

function positiveInt(name: string, value: string, zeroAllowed = false): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < (zeroAllowed ? 0 : 1))
    throw new UsageError(`--${name} must be a whole number${zeroAllowed ? '' : ' above 0'}, got ${value}`);
  return number;
}

/**
 * `--sealing off` runs the whole benchmark with the sealing of personal data switched off in the
 * codec (bench only), to compare with a run with it on. Separate processes: switching it inside one
 * process measured 20-30 % apart where separate processes measure the same load within noise;
 * `npm run bench:sealing` alternates such processes and compares them.
 */
function onOff(name: string, value: string): boolean {
  if (value !== 'on' && value !== 'off') throw new UsageError(`--${name} must be on or off`);
  return value === 'on';
}
