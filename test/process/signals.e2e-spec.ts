import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ensureBuilt, RunningProcess, runNode, startNpmInGroup } from '../support/processes';

const CLI = 'dist/apps/cli/src/main.js';
const BANNER = /Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/;

/** Lines of output that are warnings or errors: pino lines at level >= 40, or anything else naming one. */
function complaints(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.startsWith('{')) {
      try {
        return (JSON.parse(line) as { level: number }).level >= 40;
      } catch {
        return true;
      }
    }
    return /error|warn|EPIPE|unhandled|exception/i.test(line);
  });
}

/**
 * Stopping `npm start` as a terminal does: Ctrl-C sends SIGINT to the whole process group (npm, its
 * shell, the service), and an init system sends SIGTERM to the service. Either way: exit code 0,
 * the embedded PostgreSQL stopped (its lock file gone), nothing logged at warning level or above.
 */
describe('stopping npm start', () => {
  let dataDir: string;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kp-signals-'));
  });
  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) process.kill(-(proc.child.pid as number), 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  // `--ignore-scripts` skips prestart (install check and build: jest's globalSetup built dist/ already); start itself runs.
  const start = () => {
    const proc = startNpmInGroup(['start', '--ignore-scripts'], {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
    });
    running.push(proc);
    return proc;
  };

  /** The service in use: a token, a command appended and projected, so that the pool holds connections. */
  const use = async (url: string) => {
    const token = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk'], {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    })
      .stdout.trim()
      .split('\n')
      .at(-1);
    const response = await fetch(`${url}/v1/commands/SubmitRequest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...commandExamples.SubmitRequest, caseId: randomUUID() }),
    });
    expect([200, 404, 409]).toContain(response.status); // answered (the initiative need not exist): the pool is in use
  };

  const postmasterPid = () => join(dataDir, 'postgres', 'postmaster.pid');

  it('Ctrl-C (SIGINT to the process group), five times in a row: exit 0, PostgreSQL stopped, no warning', async () => {
    for (let round = 1; round <= 5; round++) {
      const proc = start();
      const url = (await proc.waitFor(BANNER, 120_000))[1];
      // The log line is written by pino's own stream, which may come after the banner on stdout.
      const pinned = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).devDependencies
        .node as string;
      await proc.waitFor(new RegExp(`"node":"v${pinned.replace(/\./g, '\\.')}"`), 10_000);
      await use(url);
      const serverPid = Number(readFileSync(postmasterPid(), 'utf8').split('\n')[0]);
      process.kill(-(proc.child.pid as number), 'SIGINT');
      expect({ round, exit: await proc.exited() }).toEqual({ round, exit: 0 });
      expect({ round, complaints: complaints(proc.output()) }).toEqual({ round, complaints: [] });
      expect(existsSync(postmasterPid())).toBe(false);
      expect(() => process.kill(serverPid, 0)).toThrow();
    }
  }, 300_000);

  it('Ctrl-C while the first start is still creating the cluster: it finishes starting, then stops the same way', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'kp-signals-early-'));
    try {
      const proc = startNpmInGroup(['start', '--ignore-scripts'], {
        DATA_DIR: fresh,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
      });
      running.push(proc);
      await proc.waitFor(/starting embedded PostgreSQL/, 60_000);
      process.kill(-(proc.child.pid as number), 'SIGINT');
      expect(await proc.exited(120_000)).toBe(0);
      expect(proc.output()).toMatch(/"signal":"SIGINT","msg":"shutting down"/);
      expect(complaints(proc.output())).toEqual([]);
      expect(existsSync(join(fresh, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(fresh, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 180_000);

  it('SIGTERM to the service: exit 0, PostgreSQL stopped, no warning', async () => {
    const proc = start();
    await use((await proc.waitFor(BANNER, 120_000))[1]);
    process.kill(proc.child.pid as number, 'SIGTERM'); // npm passes it on to the service
    expect(await proc.exited()).toBe(0);
    expect(complaints(proc.output())).toEqual([]);
    expect(existsSync(postmasterPid())).toBe(false);
  }, 120_000);
});
