/**
 * Commands per second over HTTP on the embedded default, against the raw rate of the equivalent
 * append transaction driven by pgbench at the same PostgreSQL server, in one run.
 *
 *   npm run bench:commands [-- --duration 15 --warmup 3 --connections 16,64 --cases 2000]
 *
 * Per round and concurrency (rounds alternate HTTP and pgbench, so a burst of load from elsewhere
 * shows in one round rather than in the summary's medians): create the cases over HTTP (SubmitRequest), then send RecordInteraction commands
 * (decide on the state the process left the case in, append one event) spread over them with wrk (autocannon without it); then pgbench
 * runs the adapter's append transaction, once alone (the target's yardstick: what a command sends) and once after
 * reading the stream (what a command to a stream the process does not know costs), on fresh
 * streams seeded the same way. Every measured run has an uncounted warm-up before it. Each HTTP
 * connection and each pgbench client works on cases of its own (picked at random among them), as
 * clerks do, so the figures measure throughput rather than collisions on one stream.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { runHttpLoad } from './support/http-load';
import { runWrkLoad, wrkVersion } from './support/wrk-load';
import { BenchOptions, parseOptions, USAGE, UsageError } from './support/options';
import { pgbenchBackendsGone, pgbenchVersion, PgbenchVariant, runPgbench, writePgbenchScript } from './support/pgbench';
import { cpuSnapshot, CpuSnapshot, cpuSpent } from './support/cpu-time';
import {
  cpuTable,
  httpCpuLine,
  httpLine,
  machineFacts,
  perUnit,
  pgbenchLine,
  RunFigures,
  seconds,
  summaryTable,
} from './support/report';
import { benchCasePrefix, createBenchStreams, submitCases } from './support/seed';
import { Stack, startStack } from './support/stack';

const PGBENCH_VARIANTS: readonly PgbenchVariant[] = ['append', 'read+append'];
const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseOptions();
  const pgbench = options.pgbench ? await pgbenchVersion() : undefined;
  const wrk = await wrkVersion();
  printPreamble(options, pgbench, wrk);

  const stack = await startStack({ poolSize: options.poolSize, logLevel: options.logLevel });
  stack.sealing.sealing = options.sealing;
  stopOnSignal(stack);
  try {
    say(`PostgreSQL ${await serverVersion(stack)} (embedded), API at ${stack.baseUrl}, data in ${stack.dataDir}\n`);
    const runs: RunFigures[] = [];
    let pgbenchRun = 0;
    for (let round = 1; round <= options.rounds; round++) {
      for (const connections of options.connections) {
        say(`round ${round} of ${options.rounds}, c=${connections}`);
        const { http, cpu } = await measureHttp(stack, options, connections, wrk !== undefined);
        const figures: RunFigures = { connections, http, httpCpu: cpu, pgbench: {} };
        if (pgbench) {
          for (const variant of PGBENCH_VARIANTS) {
            figures.pgbench[variant] = await measurePgbench(stack, options, connections, variant, ++pgbenchRun);
          }
        }
        runs.push(figures);
        say();
      }
    }
    printSummary(options, runs, pgbench, wrk, Date.now() - started);
    if (options.resultFile) await writeFile(options.resultFile, JSON.stringify(runs));
    return runs.some(({ http }) => http.non2xx > 0 || http.errors > 0) ? 1 : 0;
  } finally {
    await stack.close();
  }
}

async function measureHttp(stack: Stack, options: BenchOptions, connections: number, withWrk: boolean) {
  const seeding = Date.now();
  const caseIds = await submitCases(stack.baseUrl, stack.token, options.cases);
  say(
    `c=${connections}: ${caseIds.length} cases submitted over HTTP in ${seconds(Date.now() - seeding)}; RecordInteraction for ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s`,
  );
  let before: CpuSnapshot | undefined;
  const load = {
    baseUrl: stack.baseUrl,
    token: stack.token,
    caseIds,
    connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const measuring = () => (before = cpuSnapshot(stack.clusterDir));
  const http = withWrk ? await runWrkLoad(load, stack.dataDir, measuring) : await runHttpLoad(load, measuring);
  const cpu = perUnit(cpuSpent(before ?? cpuSnapshot(stack.clusterDir), cpuSnapshot(stack.clusterDir)), http.completed);
  say(`  ${httpLine(http)}`);
  say(`  ${httpCpuLine(cpu, withWrk)}`);
  if (http.firstFailure)
    say(`  first failure: HTTP ${http.firstFailure.status} ${http.firstFailure.body.slice(0, 2000)}`);
  if (http.warmupNon2xx) say(`  warm-up had ${http.warmupNon2xx} non-2xx responses`);
  return { http, cpu };
}

async function measurePgbench(
  stack: Stack,
  options: BenchOptions,
  clients: number,
  variant: PgbenchVariant,
  round: number,
) {
  const casePrefix = benchCasePrefix(round);
  await createBenchStreams(stack.store, casePrefix, options.cases);
  const scriptFile = await writePgbenchScript(stack.dataDir, { variant, casePrefix, cases: options.cases, clients });
  const common = { databaseUrl: stack.databaseUrl, scriptFile, variant, clients };
  if (options.warmupSeconds > 0) await runPgbench({ ...common, durationSeconds: options.warmupSeconds });
  const before = cpuSnapshot(stack.clusterDir);
  const run = await runPgbench({ ...common, durationSeconds: options.durationSeconds });
  await pgbenchBackendsGone(stack.pool);
  const result = { ...run, cpu: perUnit(cpuSpent(before, cpuSnapshot(stack.clusterDir)), run.transactions) };
  say(`  ${pgbenchLine(result)}`);
  return result;
}

async function serverVersion(stack: Stack): Promise<string> {
  const { rows } = await stack.pool.query<{ server_version: string }>('SHOW server_version');
  return rows[0].server_version;
}

function printPreamble(options: BenchOptions, pgbench: string | undefined, wrk: string | undefined): void {
  say('Koproduktiv command throughput: HTTP (RecordInteraction) against pgbench (the same append transaction)');
  for (const fact of machineFacts(wrk)) say(fact);
  if (loadavg()[0] > cpus().length)
    say(`The machine is busy already (load above ${cpus().length}): expect lower figures than on an idle one.`);
  say(
    `runs: ${options.durationSeconds} s each after ${options.warmupSeconds} s warm-up, connections ${options.connections.join(', ')}, ` +
      `${options.cases} fresh cases per run, API database pool of ${options.poolSize}, personal data ${options.sealing ? 'sealed (as the service does)' : 'NOT sealed (--sealing off, for comparison)'}`,
  );
  say(
    wrk
      ? `load generator: ${wrk} (C, as pgbench is)`
      : 'load generator: autocannon in a worker thread of this process (wrk is not on PATH; apt-get install -y wrk costs the API less CPU)',
  );
  say(
    pgbench
      ? `pgbench: ${pgbench}`
      : !options.pgbench
        ? 'pgbench: not run (--pgbench off)'
        : 'pgbench is not on PATH, so only the HTTP figures follow. Install it with: apt-get install -y postgresql-client',
  );
  say();
}

function printSummary(
  options: BenchOptions,
  runs: readonly RunFigures[],
  pgbench: string | undefined,
  wrk: string | undefined,
  elapsedMs: number,
): void {
  say(
    `Summary: medians over ${options.rounds} round(s) of ${options.durationSeconds} s per run; HTTP/pgbench is the median of the ` +
      'per-round ratios of HTTP cmd/s (median second) to pgbench tps. Target: HTTP at least 50 % of pgbench append (one append per command, as the command path sends).',
  );
  say(summaryTable(runs));
  say();
  say('CPU per command (HTTP) and per transaction (pgbench), in ms, medians over the rounds:');
  say(cpuTable(runs, wrk !== undefined));
  if (!pgbench && options.pgbench) say('pgbench columns are empty: apt-get install -y postgresql-client');
  for (const fact of machineFacts(wrk)) say(fact);
  say(`total run time ${seconds(elapsedMs)}`);
}

/** Ctrl-C still stops the embedded PostgreSQL and removes the data directory. */
function stopOnSignal(stack: Stack): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping\n`);
      void stack.close().finally(() => process.exit(130));
    });
  }
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  say(USAGE);
  process.exit(0);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      error instanceof UsageError
        ? `${error.message}\n${USAGE}\n`
        : `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
