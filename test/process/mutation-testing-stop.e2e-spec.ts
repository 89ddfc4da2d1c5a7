import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../support/processes';

/** Processes whose command line or environment names `text`: a unique TMPDIR marks every process the script started. */
function processesNaming(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state !== 'Z' && (command.includes(text) || environment.includes(text))) found.push(`${pid}: ${command}`);
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

/**
 * `npm run test:mutation` stopped midway, by a terminal's Ctrl-C (SIGINT to the whole process group)
 * or by SIGTERM to the script alone: Stryker and its test runner end, the embedded PostgreSQL (in a
 * process group of its own) stops, its temporary cluster is removed, and the script exits 130 or 143.
 */
describe('stopping the mutation testing script', () => {
  let tmp: string;
  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'kp-mutation-stop-'));
    await chmod(tmp, 0o755); // as root the server runs as the postgres user, who must reach the cluster here
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it.each([
    ['SIGINT', 'to the process group, as Ctrl-C', 130],
    ['SIGTERM', 'to the script alone', 143],
  ] as const)(
    '%s %s: exit %i, nothing left running, no cluster left behind',
    async (signal, to, code) => {
      const child = spawn(process.execPath, ['scripts/mutation-testing.js', 'metrics'], {
        cwd: ROOT,
        env: {
          ...process.env,
          TMPDIR: tmp, // where the script's temporary cluster goes
          DATABASE_URL: '', // the embedded PostgreSQL, not the tests' server
          KP_MUTATION_PART: 'libs/metrics/src/uninterpretable.ts',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      let output = '';
      const started = new Promise<void>((resolve) => {
        const listen = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Starting initial test run')) resolve();
        };
        child.stdout.on('data', listen);
        child.stderr.on('data', listen);
      });
      try {
        await Promise.race([started, exited.then(() => Promise.reject(new Error(`exited early:\n${output}`)))]);
        expect(readdirSync(tmp).filter((name) => name.startsWith('koproduktiv-mutation-'))).toHaveLength(1);
        expect(processesNaming(tmp).length).toBeGreaterThanOrEqual(3); // the script, Stryker, PostgreSQL
        const sandboxes = join(ROOT, '.stryker-tmp', `run-${child.pid}`);
        expect(existsSync(sandboxes)).toBe(true);

        if (to.startsWith('to the process group')) process.kill(-(child.pid as number), signal);
        else child.kill(signal);

        expect(await exited).toBe(code);
        expect(output).toContain(`${signal}: stopping Stryker and the embedded PostgreSQL`);
        expect(processesNaming(tmp)).toEqual([]); // Stryker, its test runner, the embedded PostgreSQL
        expect(existsSync(sandboxes)).toBe(false);
        expect(readdirSync(tmp).filter((name) => name.startsWith('koproduktiv-mutation-'))).toEqual([]);
      } finally {
        for (const line of processesNaming(tmp)) process.kill(Number(line.split(':')[0]), 'SIGKILL');
      }
    },
    180_000,
  );
});
