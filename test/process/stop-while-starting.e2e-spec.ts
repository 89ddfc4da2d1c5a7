import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STOPPED_WHILE_STARTING_EXIT_CODE } from '@koproduktiv/platform/stop-signals';
import { spawnSync } from 'node:child_process';
import { ensureBuilt, ownServiceEnv, RunningProcess, startInGroup, startNpmInGroup } from '../support/processes';
import { waitFor } from '../support/wait-for';

const BANNER = /Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/;

interface Seen {
  readonly pid: number;
  readonly group: number;
  readonly command: string;
}

/** Every process now running, from /proc. */
function processes(): Seen[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (state === 'Z') return []; // exited, not yet reaped
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        return [{ pid: Number(pid), group: Number(group), command }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

/** Processes whose command line names `dir`, and every process in the process groups they lead or belong to. */
function leftOf(dir: string, groups: readonly number[]): Seen[] {
  return processes().filter(({ command, group }) => command.includes(dir) || groups.includes(group));
}

/** strace delays each listen() by 3 s: the embedded PostgreSQL runs but is not ready for 6 s (a TCP and a unix socket). */
const STRACE_HOLDS_LISTEN = [
  '-f',
  '--seccomp-bpf',
  '-qq',
  '-o',
  '/dev/null',
  '-e',
  'trace=listen',
  '-e',
  'inject=listen:delay_enter=3000000',
];
const straceWorks = spawnSync('strace', [...STRACE_HOLDS_LISTEN, 'true']).status === 0;
const straceRequired = process.env.CI === 'true' || process.env.KP_REQUIRE_STRACE === '1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ctrl-C again while `npm start` is still starting: a first Ctrl-C is kept until the start is done,
 * a second one a second later gives the start up. The start's helpers (initdb here) run in process
 * groups of their own, out of the terminal's reach; the service stops them before it exits 130, and
 * kills them when a third Ctrl-C comes. initdb is held stopped (SIGSTOP) so that the Ctrl-Cs come
 * while it runs, however fast the machine makes the cluster.
 */
describe('Ctrl-C twice while npm start is still starting', () => {
  const dataDirs: string[] = [];
  const running: RunningProcess[] = [];

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) process.kill(-(proc.child.pid as number), 'SIGKILL');
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-stop-starting-'));
    dataDirs.push(dataDir);
    const proc = startNpmInGroup(['start', '--ignore-scripts'], ownServiceEnv(dataDir));
    running.push(proc);
    let initdb: Seen | undefined;
    await waitFor(
      () => {
        initdb = processes().find(({ command }) => command.includes(`/bin/initdb --pgdata=${dataDir}/`));
        if (initdb) process.kill(initdb.pid, 'SIGSTOP');
        return initdb !== undefined;
      },
      60_000,
      () => `: no initdb seen. Output:\n${proc.output()}`,
    );
    const helper = initdb as Seen;
    expect(helper.group).toBe(helper.pid); // leads a group of its own: the terminal's Ctrl-C does not reach it
    const ctrlC = () => process.kill(-(proc.child.pid as number), 'SIGINT');
    return { dataDir, proc, initdb: helper, ctrlC };
  };

  it('the second Ctrl-C stops initdb, then the service exits 130; nothing of the data directory is left, and the next start works', async () => {
    const { dataDir, proc, initdb, ctrlC } = await start();
    ctrlC();
    await sleep(1100);
    ctrlC();
    await sleep(500);
    process.kill(initdb.pid, 'SIGCONT'); // it now takes the SIGINT sent to its group, if any
    expect(await proc.exited(30_000)).toBe(STOPPED_WHILE_STARTING_EXIT_CODE);
    expect(STOPPED_WHILE_STARTING_EXIT_CODE).toBe(130);
    expect(leftOf(dataDir, [initdb.group])).toEqual([]);
    // The start failed under the stop and cleaned up: the password file it gave initdb is gone.
    expect(existsSync((initdb.command.match(/--pwfile=(\S+)/) as RegExpMatchArray)[1])).toBe(false);
    expect(proc.output()).toContain(`Stopping while starting: initdb (pid ${initdb.pid}) told to stop`);
    expect(proc.output()).not.toMatch(/did not start|cannot start|failed to start/);

    const next = startNpmInGroup(['start', '--ignore-scripts'], ownServiceEnv(dataDir, { LOG_LEVEL: 'warn' }));
    running.push(next);
    await next.waitFor(BANNER, 120_000);
    process.kill(-(next.child.pid as number), 'SIGINT');
    expect(await next.exited()).toBe(0);
    expect(leftOf(dataDir, [])).toEqual([]);
  }, 240_000);

  it('a third Ctrl-C, while initdb does not stop, kills it and the service exits 130 at once', async () => {
    const { dataDir, proc, initdb, ctrlC } = await start();
    ctrlC();
    await sleep(1100);
    ctrlC();
    await sleep(1100);
    const third = Date.now();
    ctrlC();
    expect(await proc.exited(30_000)).toBe(STOPPED_WHILE_STARTING_EXIT_CODE);
    expect(Date.now() - third).toBeLessThan(2000);
    await waitFor(
      () => leftOf(dataDir, [initdb.group]).length === 0,
      5000,
      () => JSON.stringify(leftOf(dataDir, [initdb.group])),
    );
    expect(proc.output()).toContain(`Stopped at once: initdb (pid ${initdb.pid}) killed`);
  }, 240_000);
  // Without strace skipped with the reason, but under CI=true or KP_REQUIRE_STRACE=1 failed.
  const straceTest = straceWorks || straceRequired ? it : it.skip;
  if (!straceWorks && !straceRequired)
    console.log(
      'skipped: Ctrl-C twice while PostgreSQL starts needs strace, allowed to trace (apt-get install strace; .ci/run installs it)',
    );
  straceTest(
    'the second Ctrl-C while the embedded PostgreSQL starts stops it (fast shutdown), then the service exits 130; no process of it is left',
    async () => {
      expect({ straceWorks }).toEqual({ straceWorks: true });
      const dataDir = await mkdtemp(join(tmpdir(), 'kp-stop-starting-pg-'));
      dataDirs.push(dataDir);
      // strace leads the group (npm does otherwise) and exits as npm did.
      const proc = startInGroup(
        'strace',
        [...STRACE_HOLDS_LISTEN, 'npm', 'start', '--ignore-scripts'],
        ownServiceEnv(dataDir, { LOG_LEVEL: 'debug' }),
      );
      running.push(proc);
      let server: Seen | undefined;
      await waitFor(
        () =>
          (server = processes().find(({ command }) => command.includes(`/bin/postgres -D ${dataDir}/postgres `))) !==
          undefined,
        120_000,
        () => `: no PostgreSQL seen. Output:\n${proc.output()}`,
      );
      const postmaster = server as Seen;
      expect(postmaster.group).toBe(postmaster.pid);
      const ctrlC = () => process.kill(-(proc.child.pid as number), 'SIGINT');
      ctrlC();
      await sleep(1100);
      ctrlC();
      expect(await proc.exited(60_000)).toBe(STOPPED_WHILE_STARTING_EXIT_CODE);
      expect(proc.output()).toContain('starting PostgreSQL'); // its own log, at debug level
      expect(proc.output()).not.toContain('ready to accept connections');
      expect(leftOf(dataDir, [postmaster.group])).toEqual([]);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(proc.output()).toContain(`Stopping while starting: postgres (pid ${postmaster.pid}) told to stop`);
    },
    240_000,
  );
});
