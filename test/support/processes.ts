import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * The built service, which jest's globalSetup builds once per run (test files run in parallel, so
 * none of them may rebuild dist/ under the others' feet).
 */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist/apps/api/src/main.js');
  if (!existsSync(main) || !statSync(main).isFile())
    throw new Error('dist/ is missing: jest globalSetup builds it (npm run build)');
}

/**
 * The environment of a service on an embedded PostgreSQL of its own in `dataDir` (no DATABASE_URL
 * from the tests' server), on a free port of the loopback interface; `more` adds or overrides.
 */
export const ownServiceEnv = (dataDir: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  DATABASE_URL: '',
  ...more,
});

export interface RunningProcess {
  readonly child: ChildProcess;
  /** stdout and stderr as they came, interleaved. */
  output(): string;
  /** stdout alone. */
  stdout(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited(timeoutMs?: number): Promise<number | null>;
}

export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): RunningProcess {
  return watch(
    spawn(process.execPath, [join(cwd, script), ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * `npm <args>` in a process group of its own, as a terminal runs it: `process.kill(-child.pid, …)`
 * then signals npm, its shell and the service together, as Ctrl-C does.
 */
export function startNpmInGroup(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): RunningProcess {
  return startInGroup('npm', args, env, cwd);
}

/** `command` leading a process group of its own, as startNpmInGroup. */
export function startInGroup(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): RunningProcess {
  return watch(
    spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
  );
}

function watch(child: ChildProcess): RunningProcess {
  let output = '';
  let stdout = '';
  child.stdout?.on('data', (chunk) => ((output += chunk), (stdout += chunk)));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    stdout: () => stdout,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const match = output.match(pattern);
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`Did not see ${pattern} (exit ${child.exitCode}). Output:\n${output}`));
          }
        }, 50);
      }),
    exited: (timeoutMs = 30_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`did not exit:\n${output}`)), timeoutMs).unref(),
        ),
      ]),
  };
}

export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(cwd, script), ...args], {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}
