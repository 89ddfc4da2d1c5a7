import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ownServiceEnv, ROOT, runNode } from '../support/processes';

/**
 * The README's shell examples, run as a reader would after a fresh checkout: `npm run demo`, then
 * `npm start`, then every fenced bash block against that service, in README order, with the JSON
 * the README shows compared with what comes back. npm scripts run as package.json defines them,
 * minus their build step (jest's globalSetup built dist/ once; rebuilding under the other test
 * files would pull it from under them). A new bash block fails this test until it is taught here.
 */

interface Block {
  readonly line: number;
  readonly lang: string;
  readonly text: string;
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 1, lang: open[1], text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** A block that only runs jest on a folder, with environment variables. */
const JEST_LINE = /^((?:[A-Z_]+=\S+ )*)npx jest (\S+)(?:\s+#.*)?$/;

/** What each bash block is, by its first line (or, for a jest run, its form). */
const kindOf = (block: Block) =>
  KNOWN[block.text.split('\n')[0]] ??
  (block.text
    .trim()
    .split('\n')
    .every((line) => JEST_LINE.test(line))
    ? 'suite-of-npm-test'
    : undefined);

const KNOWN: Record<string, 'two-commands' | 'demo' | 'run' | 'cli-synopsis' | 'suite-of-npm-test'> = {
  'npm start   # the service, on an embedded PostgreSQL': 'two-commands',
  'npm run demo    # three years of "Musterstadt" up to this month, played through the command path': 'demo',
  'TOKEN=$(npm run -s token -- --tenant musterstadt --roles analyst | tail -n1)': 'run',
  'TOKEN=$(npm run -s token -- --tenant musterstadt --roles clerk | tail -n1)': 'run',
  'TOKEN=$(npm run -s token -- --tenant musterstadt --roles auditor | tail -n1)': 'run',
  'npx koproduktiv audit replay case-0195a1b2-… --as-of 2026-03-02T10:00:00Z   # timeline + state as recorded then':
    'cli-synopsis',
};

/** `npm run NAME -- args` and `npm start` as package.json defines them, without their build step; the CLI as `npx koproduktiv` (its bin) runs it. */
const PRELUDE = `
set -euo pipefail
export PATH="${ROOT}/node_modules/.bin:$PATH"
npm() {
  local name
  if [ "$1" = start ]; then name=start; shift; else
    [ "$1" = run ] || { echo "README test: cannot emulate npm $*" >&2; return 2; }
    shift; [ "$1" = -s ] && shift; name=$1; shift
  fi
  [ "\${1:-}" = -- ] && shift
  local command
  command=$(node -e 'const s = require(process.argv[1]).scripts[process.argv[2]]; if (!s) process.exit(3); process.stdout.write(s.replace(/^npm run -s build && /, "").replace(/^exec /, ""))' "${ROOT}/package.json" "$name")
  # The service replaces the shell, so that stopping it is stopping this process.
  if [ "$name" = start ]; then cd "${ROOT}" && eval "exec $command"; fi
  (cd "${ROOT}" && eval "$command \\"\\$@\\"")
}
# In the reader's directory: \`--out audit.jsonl\` lands there, not in the repository.
koproduktiv() { node "${ROOT}/dist/apps/cli/src/main.js" "$@"; }
npx() { [ "$1" = koproduktiv ] || { echo "README test: cannot emulate npx $*" >&2; return 2; }; shift; koproduktiv "$@"; }
`;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `${PRELUDE}\n${script}`], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `"key":value` pairs a README comment shows (values with an ellipsis are left out). */
const shownPairs = (comment: string): string[] =>
  [...comment.matchAll(/"[A-Za-z]+":(-?\d+(?:\.\d+)?|true|false|null|"[^"…]*")(?=[,}\]])/g)].map((match) => match[0]);

describe('README examples', () => {
  const blocks = fencedBlocks(README).filter((block) => block.lang === 'bash');
  let dataDir: string;
  let workDir: string;
  let service: ChildProcess | undefined;
  let serviceOutput = '';
  let baseEnv: NodeJS.ProcessEnv;
  let port: string;

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'kp-readme-data-'));
    workDir = mkdtempSync(join(tmpdir(), 'kp-readme-cwd-'));
    baseEnv = ownServiceEnv(dataDir, { LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await stopService();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  async function stopService(): Promise<void> {
    if (!service || service.exitCode !== null) return;
    const exited = new Promise((resolve) => service!.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
  }

  const blockOf = (kind: string) => blocks.filter((block) => kindOf(block) === kind);

  it('knows every bash block of the README', () => {
    const unknown = blocks
      .filter((block) => !kindOf(block))
      .map((block) => `README.md:${block.line}: ${block.text.split('\n')[0]}`);
    expect(unknown).toEqual([]);
    expect(blocks.length).toBeGreaterThanOrEqual(Object.keys(KNOWN).length);
  });

  it('a jest command names suites npm test runs, and the variables it sets are ones they read', () => {
    // Running them here again would double their time; npm test (CI) runs them, with a random seed.
    for (const block of blockOf('suite-of-npm-test')) {
      for (const line of block.text.trim().split('\n')) {
        const [, assignments, path] = JEST_LINE.exec(line)!;
        const suites = readdirSync(join(ROOT, path)).filter((name) => /\.(e2e-)?spec\.ts$/.test(name));
        expect({ path, suites: suites.length > 0 }).toEqual({ path, suites: true });
        const source = suites.map((name) => readFileSync(join(ROOT, path, name), 'utf8')).join('\n');
        for (const variable of assignments
          .trim()
          .split(' ')
          .filter(Boolean)
          .map((a) => a.split('=')[0]))
          expect(source).toContain(`process.env.${variable}`);
      }
    }
    expect(blockOf('suite-of-npm-test').length).toBeGreaterThan(0);
  });

  it('every inline npm example names a script, and the CLI knows every subcommand and option it shows', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const inline = [...README.matchAll(/`npm (?:run (?:-s )?([\w:-]+)|(start|test))( -- ([^`]*))?`/g)].map((m) => ({
      name: m[1] ?? m[2],
      args: m[4] ?? '',
      text: m[0],
    }));
    expect(inline.length).toBeGreaterThan(10);
    for (const { name, args, text } of inline) {
      expect({ text, script: Boolean(scripts[name]) }).toEqual({ text, script: true });
      const options = [...args.matchAll(/--[a-z][\w-]*/g)].map((m) => m[0]);
      const words = args
        .split(/\s+/)
        .filter((word) => /^[a-z][\w-]*$/.test(word))
        .slice(0, 2);
      const command = scripts[name].replace(/^npm run -s build && /, '');
      const cli = /^node dist\/apps\/cli\/src\/main\.js ?(.*)$/.exec(command);
      if (cli) {
        const help = runNode(
          'dist/apps/cli/src/main.js',
          [...cli[1].split(' ').filter(Boolean), ...words.filter((w) => !options.includes(w)), '--help'],
          baseEnv,
        );
        expect({ text, status: help.status }).toEqual({ text, status: 0 });
        for (const item of [...options, ...words])
          expect({ text, item, known: help.stdout.includes(item) }).toEqual({ text, item, known: true });
      } else if (options.length > 0) {
        // A bench: the options are ones its source parses.
        const source = readFileSync(
          join(
            ROOT,
            command
              .split(' ')
              .find((part) => part.startsWith('dist/'))!
              .replace(/^dist\//, '')
              .replace(/\.js$/, '.ts'),
          ),
          'utf8',
        );
        for (const option of options)
          expect({
            text,
            option,
            parsed:
              source.includes(`'${option.slice(2)}'`) ||
              source.includes(`${option.slice(2)}:`) ||
              source.includes(option),
          }).toEqual({ text, option, parsed: true });
      }
    }
  });

  it('npm run demo loads the story and prints what the README shows', async () => {
    const [demo] = blockOf('demo');
    const [load, start] = demo.text.split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    expect([load, start]).toEqual(['npm run demo', 'npm start']);
    const ran = await bash(load, baseEnv, workDir);
    expect({ status: ran.status, stderr: ran.status === 0 ? '' : ran.stderr }).toEqual({ status: 0, stderr: '' });
    // The output block after the demo block, with the dates of today's anchoring left open.
    const shown = fencedBlocks(README).find((block) => block.line > demo.line && block.lang === '')!;
    const pattern = (line: string) =>
      new RegExp(
        `^${line
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\d{4}-\d{2}-\d{2}/g, '\\d{4}-\\d{2}-\\d{2}')
          .replace(/moved by \d+ days/, 'moved by \\d+ days')}$`,
        'm',
      );
    for (const line of shown.text.split('\n')) expect(ran.stdout).toMatch(pattern(line));
  }, 120_000);

  it('npm start serves it, as both start blocks say', async () => {
    expect(
      blockOf('two-commands')[0]
        .text.split('\n')
        .map((line) => line.replace(/\s+#.*$/, '')),
    ).toEqual(['npm start', 'npm test']);
    // `npm test` is what CI runs (.ci/run), this test among it.
    service = spawn('bash', ['-c', `${PRELUDE}\nnpm start`], {
      cwd: workDir,
      env: { ...process.env, ...baseEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (chunk) => (serviceOutput += chunk));
    service.stderr!.on('data', (chunk) => (serviceOutput += chunk));
    const started = Date.now();
    while (!/Koproduktiv API\s+http:\/\/localhost:(\d+)\/docs/.test(serviceOutput)) {
      if (service.exitCode !== null || Date.now() - started > 60_000)
        throw new Error(`npm start did not come up:\n${serviceOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    port = /Koproduktiv API\s+http:\/\/localhost:(\d+)\/docs/.exec(serviceOutput)![1];
    // The projector catches up with the 720 demo events.
    for (;;) {
      const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
        processors: { name: string; caughtUp: boolean }[];
      };
      if (ready.processors.length > 0 && ready.processors.every((p) => p.caughtUp)) break;
      if (Date.now() - started > 90_000) throw new Error(`the projector did not catch up:\n${JSON.stringify(ready)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);

  it('every curl example runs and answers what the README shows', async () => {
    for (const block of blockOf('run')) {
      const script = block.text.replaceAll('localhost:3000', `localhost:${port}`);
      const ran = await bash(script, baseEnv, workDir);
      expect({ block: block.line, status: ran.status, stderr: ran.stderr }).toEqual({
        block: block.line,
        status: 0,
        stderr: '',
      });
      const answers = ran.stdout.split('\n').filter((line) => line.startsWith('{'));
      const commands = block.text.split('\n').filter((line) => /^\s*curl /.test(line) && !/ > | -o| -OJ/.test(line));
      expect({ block: block.line, answers: answers.length }).toEqual({ block: block.line, answers: commands.length });
      // Each `# {…}` comment right after a curl shows (part of) that curl's answer.
      const comments = block.text.split(/\n(?=curl )/).map((part) =>
        part
          .split('\n')
          .filter((line) => line.startsWith('# '))
          .map((line) => line.slice(2))
          .join(''),
      );
      const shown = comments.filter((comment) => !/^\s*$/.test(comment) && comment.trim().startsWith('{'));
      for (const [i, comment] of shown.entries()) {
        for (const pair of shownPairs(comment))
          expect({ block: block.line, pair, found: answers[i]?.includes(pair) }).toEqual({
            block: block.line,
            pair,
            found: true,
          });
      }
    }
    // The time series saved by -OJ under the name the service gave it.
    const csv = readdirSync(workDir).find((name) => /^musterstadt-timeseries-\d{4}-01-\d{4}-\d{2}\.csv$/.test(name));
    expect(csv).toBeDefined();
    const rows = readFileSync(join(workDir, csv!), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0].split(';').slice(0, 3)).toEqual(['month', 'asOf', 'cases']);
    expect(rows.length - 1).toBe(new Date().getMonth() + 1);
    expect(existsSync(join(workDir, 'musterstadt.jsonl'))).toBe(true);
  }, 120_000);

  it('the CLI synopsis runs, each line with real values for its placeholders, beside the running service', async () => {
    const [synopsis] = blockOf('cli-synopsis');
    const stream = readFileSync(join(workDir, 'musterstadt.jsonl'), 'utf8')
      .split('\n')
      .map((line) => (line ? JSON.parse(line) : {}))
      .find((event) => /^case-/.test(event.streamId))!.streamId;
    for (const line of synopsis.text.split('\n')) {
      const concrete = line
        .replace(/\s+#.*$/, '')
        .replace(/\s*\[[^\]]*\]/g, '')
        .replace('case-0195a1b2-…', stream);
      expect(concrete).not.toMatch(/…|\[/);
      const ran = await bash(concrete, baseEnv, workDir);
      expect({ line: concrete, status: ran.status, stderr: ran.status === 0 ? '' : ran.stderr }).toEqual({
        line: concrete,
        status: 0,
        stderr: '',
      });
    }
    expect(existsSync(join(workDir, 'audit.jsonl'))).toBe(true);
    expect(existsSync(join(ROOT, 'audit.jsonl'))).toBe(false);
  }, 180_000);
});
