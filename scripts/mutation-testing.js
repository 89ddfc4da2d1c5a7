#!/usr/bin/env node
/**
 * npm run test:mutation [-- domain metrics event-store queries] [--incremental]: StrykerJS over each
 * target of stryker.config.mjs in turn (all four without arguments; flags go on to Stryker), against one embedded PostgreSQL for the
 * whole run (or DATABASE_URL). Reports land in reports/mutation/<target>.html and .json; the scores
 * are printed at the end. Concurrency 1 unless KP_MUTATION_CONCURRENCY says otherwise;
 * KP_MUTATION_PART=<globs> mutates only those files of the (one) target given.
 * SIGINT or SIGTERM stops the Stryker run and the embedded PostgreSQL, and exits with 130 or 143.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ALL = ['domain', 'metrics', 'event-store', 'queries'];
/** Exit status after a stop signal: 128 + its number, as a shell reports it. */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 };
/** How long Stryker gets to end its test runners after the signal before it is killed. */
const STRYKER_GRACE_MS = 30_000;

let stopSignal;
let stryker;
/** Signals Stryker's process group: Stryker and its test runners (which outlive a Stryker stopped alone). */
const signalStryker = (signal) => {
  try {
    process.kill(-stryker.pid, signal);
  } catch {
    // the group is gone already
  }
};
for (const signal of Object.keys(STOP_SIGNALS))
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    process.stderr.write(`\n${signal}: stopping Stryker and the embedded PostgreSQL\n`);
    if (!stryker) return;
    signalStryker(signal);
    setTimeout(() => stryker && signalStryker('SIGKILL'), STRYKER_GRACE_MS).unref();
  });

class Stopped extends Error {}

/** Stryker's sandboxes of this run: a stopped Stryker leaves its own behind. */
const STRYKER_TEMP_DIR = join('.stryker-tmp', `run-${process.pid}`);

/**
 * Stryker on one target, in a process group of its own that a stop signal is passed on to (so it
 * reaches the test runners too); resolves with Stryker's exit.
 */
function runStryker(target, strykerFlags) {
  return new Promise((resolve, reject) => {
    stryker = spawn(
      process.execPath,
      [
        join(__dirname, '..', 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
        'run',
        'stryker.config.mjs',
        ...strykerFlags,
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, KP_MUTATION_TARGET: target, KP_MUTATION_TEMP_DIR: STRYKER_TEMP_DIR },
        detached: true,
      },
    );
    stryker.once('error', reject);
    stryker.once('exit', (code, signal) => {
      // A test runner still busy with a test run when Stryker was stopped would finish it first.
      if (stopSignal) signalStryker('SIGKILL');
      stryker = undefined;
      resolve({ code, signal });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const strykerFlags = args.filter((a) => a.startsWith('--'));
  const named = args.filter((a) => !a.startsWith('--'));
  const targets = named.length ? named : ALL;
  const unknown = targets.filter((t) => !ALL.includes(t));
  if (unknown.length) throw new Error(`unknown target(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  let postgres;
  let dataDir;
  if (process.env.DATABASE_URL) process.env.KP_TEST_PG_URL = process.env.DATABASE_URL;
  else {
    const { startEmbeddedPostgres } = require('../dist/libs/platform/src/database');
    dataDir = mkdtempSync(join(tmpdir(), 'koproduktiv-mutation-'));
    postgres = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
    process.env.KP_TEST_PG_URL = postgres.url;
  }
  const scores = [];
  try {
    for (const target of targets) {
      if (stopSignal) throw new Stopped();
      const started = Date.now();
      const run = await runStryker(target, strykerFlags);
      if (stopSignal) throw new Stopped();
      if (run.code !== 0) throw new Error(`stryker failed on ${target} (exit ${run.code ?? run.signal})`);
      scores.push({ target, minutes: (Date.now() - started) / 60_000, ...score(target) });
    }
  } finally {
    rmSync(STRYKER_TEMP_DIR, { recursive: true, force: true });
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    '\n| target | mutants | killed | timed out | survived | no coverage | score |\n|---|--:|--:|--:|--:|--:|--:|\n',
  );
  for (const s of scores) {
    process.stdout.write(
      `| ${s.target} | ${s.total} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.score.toFixed(1)} % (${s.minutes.toFixed(0)} min) |\n`,
    );
  }
}

/** Counts from Stryker's JSON report (mutation-testing-report-schema); compile errors do not count. */
function score(target) {
  const part = process.env.KP_MUTATION_PART;
  const name = part ? `${target}-${part.replace(/[^A-Za-z0-9]+/g, '_')}` : target;
  const report = JSON.parse(readFileSync(join('reports', 'mutation', `${name}.json`), 'utf8'));
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const file of Object.values(report.files))
    for (const mutant of file.mutants) if (mutant.status in counts) counts[mutant.status] += 1;
  const total = counts.Killed + counts.Timeout + counts.Survived + counts.NoCoverage;
  return {
    total,
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    score: total ? (100 * (counts.Killed + counts.Timeout)) / total : 0,
  };
}

main().catch((error) => {
  if (stopSignal) process.exit(STOP_SIGNALS[stopSignal]);
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
