/**
 * What sealing personal data costs a command, in one run: the command benchmark
 * (commands-throughput.js, RecordInteraction over HTTP, each command sealing its summary) in
 * processes of its own, sealed and unsealed in turn (on, off, off, on, on, off, …, so neither mode
 * always runs first), and the sealed rate as a share of the unsealed one per pair.
 *
 *   npm run bench:sealing [-- --pairs 3 --duration 8 --warmup 2 --connections 16,64]
 *
 * Separate processes, because switching the codec inside one process measured 20-30 % apart
 * where separate processes measure the same load within noise. pgbench is not run here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './support/median';
import { machineFacts, RunFigures } from './support/report';
import { wrkVersion } from './support/wrk-load';

const say = (line = '') => process.stdout.write(`${line}\n`);
const run = promisify(execFile);

const USAGE = `Usage: npm run bench:sealing -- [--pairs N] [--duration S] [--warmup S] [--connections 16,64] [--cases N]
  defaults: --pairs 3 --duration 8 --warmup 2 --connections 16,64 --cases 2000`;

interface Options {
  readonly pairs: number;
  readonly passOn: readonly string[];
}

function parse(argv: readonly string[]): Options {
  let pairs = 3;
  const given = new Map<string, string>([
    ['duration', '8'],
    ['warmup', '2'],
    ['connections', '16,64'],
  ]);
  for (let index = 0; index < argv.length; index += 2) {
    const name = /^--(pairs|duration|warmup|connections|cases)$/.exec(argv[index])?.[1];
    const value = argv[index + 1];
    if (!name || value === undefined) throw new Error(`Unexpected argument ${argv[index]}\n${USAGE}`);
    if (name === 'pairs') {
      pairs = Number(value);
      if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`--pairs must be a whole number above 0\n${USAGE}`);
    } else given.set(name, value);
  }
  return { pairs, passOn: [...given].flatMap(([name, value]) => [`--${name}`, value]) };
}

type Mode = 'on' | 'off';

async function measure(mode: Mode, options: Options, dir: string, index: number): Promise<RunFigures[]> {
  const resultFile = join(dir, `run-${index}-${mode}.json`);
  const script = join(__dirname, 'commands-throughput.js');
  const args = [script, ...options.passOn, '--rounds', '1', '--pgbench', 'off', '--sealing', mode];
  await run(process.execPath, [...args, '--result-file', resultFile], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(await readFile(resultFile, 'utf8')) as RunFigures[];
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const wrk = await wrkVersion();
  say('Koproduktiv: what sealing personal data costs a command (RecordInteraction over HTTP), sealed and unsealed');
  for (const fact of machineFacts(wrk)) say(fact);
  say(`${options.pairs} pair(s) of runs, each a process of its own: ${options.passOn.join(' ')}`);
  say();
  const dir = await mkdtemp(join(tmpdir(), 'kp-bench-sealing-'));
  const pairs: { on: RunFigures[]; off: RunFigures[] }[] = [];
  try {
    for (let pair = 0; pair < options.pairs; pair++) {
      const order: Mode[] = pair % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
      const figures: Partial<Record<Mode, RunFigures[]>> = {};
      for (const mode of order) {
        figures[mode] = await measure(mode, options, dir, pair);
        say(`pair ${pair + 1}, sealing ${mode}: ${describe(figures[mode])}`);
      }
      pairs.push(figures as { on: RunFigures[]; off: RunFigures[] });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  say();
  say(summary(pairs));
  for (const fact of machineFacts(wrk)) say(fact);
}

const describe = (runs: readonly RunFigures[]) =>
  runs
    .map(
      (run) =>
        `c=${run.connections} ${Math.round(meanRate(run))} cmd/s, API CPU ${run.httpCpu.benchProcess.toFixed(3)} ms/cmd`,
    )
    .join('; ');

function summary(pairs: readonly { on: RunFigures[]; off: RunFigures[] }[]): string {
  const connections = [...new Set(pairs.flatMap(({ on }) => on.map((run) => run.connections)))];
  const rows = connections.map((c) => {
    const at = (runs: readonly RunFigures[]) => runs.find((run) => run.connections === c) as RunFigures;
    const rate = (runs: readonly RunFigures[]) => meanRate(at(runs));
    const cpu = (runs: readonly RunFigures[]) => at(runs).httpCpu.benchProcess;
    const ratios = pairs.map(({ on, off }) => rate(on) / rate(off));
    return (
      `| ${c} | ${Math.round(median(pairs.map(({ on }) => rate(on))))} | ${Math.round(median(pairs.map(({ off }) => rate(off))))} ` +
      `| ${ratios.map(percent).join(', ')} | **${percent(median(ratios))}** ` +
      `| ${median(pairs.map(({ on }) => cpu(on))).toFixed(3)} | ${median(pairs.map(({ off }) => cpu(off))).toFixed(3)} |`
    );
  });
  return [
    'Sealed against unsealed (commands completed per second of the measured run), medians over the pairs; target: sealed at least 90 % of unsealed:',
    '| conns | sealed cmd/s | unsealed cmd/s | sealed/unsealed per pair | median | API CPU ms/cmd sealed | unsealed |',
    '|-------|-------------:|---------------:|-------------------------:|-------:|----------------------:|---------:|',
    ...rows,
  ].join('\n');
}

/** Commands completed over the measured run's length: steadier than the median second in short runs. */
const meanRate = (run: RunFigures) => run.http.completed / run.http.durationSeconds;

const percent = (ratio: number) => (Number.isFinite(ratio) ? `${(100 * ratio).toFixed(0)} %` : 'n/a');

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  say(USAGE);
  process.exit(0);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
