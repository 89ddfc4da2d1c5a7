import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import {
  ensureBuilt,
  ownServiceEnv,
  RunningProcess,
  runNode,
  startInGroup,
  startNpmInGroup,
} from '../support/processes';

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

/** Processes of a process group held stopped by a tracer (state `t`), from /proc. */
function tracedIn(group: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return state === 't' && Number(pgrp) === group;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const STRACE_HOLDS = ['-e', 'trace=setsid', '-e', 'inject=setsid:delay_enter=2000000:when=1'];
const straceWorks =
  spawnSync('strace', ['-f', '--seccomp-bpf', '-qq', '-o', '/dev/null', ...STRACE_HOLDS, 'true']).status === 0;
const straceRequired = process.env.CI === 'true' || process.env.KP_REQUIRE_STRACE === '1';

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
    const proc = startNpmInGroup(['start', '--ignore-scripts'], ownServiceEnv(dataDir));
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

  const startFresh = (dataDir: string, command = 'npm', args = ['start', '--ignore-scripts']) => {
    const env = ownServiceEnv(dataDir, { LOG_LEVEL: 'debug' });
    const proc = startInGroup(command, args, env);
    running.push(proc);
    return proc;
  };

  /** After a first start was stopped: a complete cluster, no server running, and the next start works. */
  const leftAWorkingCluster = async (dataDir: string) => {
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'postgres.initdb'))).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    const next = startFresh(dataDir);
    await next.waitFor(BANNER, 120_000);
    process.kill(-(next.child.pid as number), 'SIGINT');
    expect(await next.exited()).toBe(0);
    expect(complaints(next.output())).toEqual([]);
  };

  it('Ctrl-C at several moments of a first start: it finishes starting, stops the same way, and the next start works', async () => {
    for (const delayMs of [0, 20, 80, 250]) {
      const fresh = await mkdtemp(join(tmpdir(), 'kp-signals-early-'));
      try {
        const proc = startFresh(fresh);
        await proc.waitFor(/starting embedded PostgreSQL/, 60_000);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        process.kill(-(proc.child.pid as number), 'SIGINT');
        expect({ delayMs, exit: await proc.exited(120_000) }).toEqual({ delayMs, exit: 0 });
        expect(proc.output()).toMatch(/"signal":"SIGINT","msg":"shutting down"/);
        expect({ delayMs, complaints: complaints(proc.output()) }).toEqual({ delayMs, complaints: [] });
        await leftAWorkingCluster(fresh);
      } finally {
        await rm(fresh, { recursive: true, force: true });
      }
    }
  }, 300_000);

  // The instant that failed in CI: a detached child (initdb) is forked but has not yet left the
  // process group (setsid). strace holds that setsid for two seconds so the Ctrl-C lands in it.
  // Without strace skipped with the reason, but under CI=true or KP_REQUIRE_STRACE=1 failed: CI must hit this instant.
  const straceTest =
    straceWorks || straceRequired ? it.each(['SIGINT', 'SIGTERM']) : it.skip.each(['SIGINT', 'SIGTERM']);
  if (!straceWorks && !straceRequired)
    console.log(
      'skipped: a signal while initdb is forked needs strace, allowed to trace (apt-get install strace; .ci/run installs it)',
    );
  straceTest(
    '%s to the process group while initdb is forked but still in it: initdb is started again, and the service stops as usual',
    async (signal) => {
      expect({ straceWorks }).toEqual({ straceWorks: true });
      const fresh = await mkdtemp(join(tmpdir(), 'kp-signals-initdb-'));
      try {
        // strace leads the group (npm does otherwise), blocks the signal itself and exits as npm did.
        const proc = startFresh(fresh, 'strace', [
          '-f',
          '--seccomp-bpf',
          '-qq',
          '-o',
          '/dev/null',
          ...STRACE_HOLDS,
          'npm',
          'start',
          '--ignore-scripts',
        ]);
        const group = proc.child.pid as number;
        let held: number | undefined;
        while (held === undefined && proc.child.exitCode === null) {
          const seen = tracedIn(group);
          await new Promise((resolve) => setTimeout(resolve, 100));
          held = seen.find((pid) => tracedIn(group).includes(pid)); // still held: the delayed setsid, not a passing stop
        }
        expect(held).toBeDefined();
        expect(readFileSync(`/proc/${held}/cmdline`, 'utf8')).toMatch(/dist\/apps\/api\/src\/main\.js/); // forked, not yet exec'd
        process.kill(-group, signal);
        expect(await proc.exited(120_000)).toBe(0);
        expect(proc.output()).toContain(`initdb was killed by ${signal}, most likely before it ran: starting it again`);
        expect(proc.output()).toContain(`"signal":"${signal}","msg":"shutting down"`);
        expect(complaints(proc.output())).toEqual([]);
        await leftAWorkingCluster(fresh);
      } finally {
        await rm(fresh, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it('SIGTERM to the service: exit 0, PostgreSQL stopped, no warning', async () => {
    const proc = start();
    await use((await proc.waitFor(BANNER, 120_000))[1]);
    process.kill(proc.child.pid as number, 'SIGTERM'); // npm passes it on to the service
    expect(await proc.exited()).toBe(0);
    expect(complaints(proc.output())).toEqual([]);
    expect(existsSync(postmasterPid())).toBe(false);
  }, 120_000);
});
