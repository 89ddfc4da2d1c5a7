import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '@koproduktiv/platform';
import { processesOn } from '../support/processes-on';
import { ensureBuilt, RunningProcess, startNode } from '../support/processes';

const START = 'dist/test/fixtures/embedded-start.js';
const OUTCOME = /^(started \{.*\}|failed: .*)$/m;
const WAITED = /notice info: Another process is starting the embedded PostgreSQL of DATA_DIR .*: waiting for it/;

/** Two first starts on one fresh DATA_DIR at the same instant, each in a process of its own. */
describe('two starts at once on one fresh DATA_DIR', () => {
  let dataDir: string;
  const running: RunningProcess[] = [];

  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kp-two-starts-'));
  });
  afterEach(async () => {
    for (const proc of running.splice(0)) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const startBoth = async (whenInUse: 'attach' | 'refuse') => {
    const both = [startNode(START, [dataDir, whenInUse], {}), startNode(START, [dataDir, whenInUse], {})];
    running.push(...both);
    const outcomes = await Promise.all(both.map(async (proc) => (await proc.waitFor(OUTCOME, 120_000))[1]));
    return both.map((proc, i) => ({ proc, outcome: outcomes[i] }));
  };
  const startedAs = (outcome: string) =>
    JSON.parse(outcome.slice('started '.length)) as { owned: boolean; url: string };
  const stopAll = async (procs: RunningProcess[]) => {
    for (const proc of procs) proc.child.kill('SIGTERM');
    expect(await Promise.all(procs.map((proc) => proc.exited()))).toEqual(procs.map(() => 0));
  };
  const expectOneClusterAndNothingRunning = () => {
    const clusterDir = join(dataDir, 'postgres');
    expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual(['postgres', 'postgres.secret']); // no staging, lock or owner left
    expect(processesOn(dataDir)).toEqual([]);
  };

  it('as the CLI beside the service (attach): one makes the cluster and runs the server, the other waits and uses it', async () => {
    const [a, b] = await startBoth('attach');
    const started = [a, b].map(({ outcome }) => startedAs(outcome));
    expect(started.map(({ owned }) => owned).sort()).toEqual([false, true]);
    expect(started[0].url).toBe(started[1].url); // one server, one password
    const [owner, user] = started[0].owned ? [a, b] : [b, a];
    expect(user.proc.output()).toMatch(WAITED);
    expect(owner.proc.output()).not.toMatch(WAITED);

    await stopAll([user.proc, owner.proc]);
    expectOneClusterAndNothingRunning();
  }, 180_000);

  it('as two services (refuse): one makes the cluster and runs, the other waits and is refused as for a DATA_DIR in use', async () => {
    const [a, b] = await startBoth('refuse');
    const [owner, refused] = a.outcome.startsWith('started') ? [a, b] : [b, a];
    expect(startedAs(owner.outcome).owned).toBe(true);
    expect(refused.outcome).toMatch(
      new RegExp(
        `^failed: DATA_DIR ${dataDir} is in use: its embedded PostgreSQL \\(pid \\d+\\) is run by another process, pid ${owner.proc.child.pid} `,
      ),
    );
    expect(refused.proc.output()).toMatch(WAITED);
    expect(await refused.proc.exited()).toBe(1);

    await stopAll([owner.proc]);
    expectOneClusterAndNothingRunning();
  }, 180_000);
});

describe('the lock of a start on a DATA_DIR', () => {
  let dataDir: string;
  let scriptDir: string;
  let holder: RunningProcess | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kp-start-lock-'));
    scriptDir = await mkdtemp(join(tmpdir(), 'kp-lock-holder-'));
  });
  afterEach(async () => {
    if (holder?.child.exitCode === null) holder.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    await rm(scriptDir, { recursive: true, force: true });
  });

  /** A process that takes the start lock of dataDir (proper-lockfile, as the start does) and keeps it. */
  const holdLock = async () => {
    const script =
      `require(${JSON.stringify(require.resolve('proper-lockfile'))}).lock(${JSON.stringify(dataDir)}, { lockfilePath: ${JSON.stringify(join(dataDir, 'postgres.start.lock'))}, realpath: false })` +
      `.then(() => { console.log('held'); setInterval(() => undefined, 60000); })`;
    await writeFile(join(scriptDir, 'hold-start-lock.js'), script);
    holder = startNode('hold-start-lock.js', [], {}, scriptDir);
    await holder.waitFor(/^held$/m);
  };

  it('held by a start that does not finish: the next start gives up after the time it was given, and says why', async () => {
    await holdLock();
    const begun = Date.now();
    const start = startEmbeddedPostgres({ dataDir, waitForOtherStartMs: 1500 });
    await expect(start).rejects.toThrow(EmbeddedPostgresError);
    await expect(start).rejects.toThrow(
      `Another process has been starting the embedded PostgreSQL of DATA_DIR ${dataDir} for more than 1.5 s (it holds ${join(dataDir, 'postgres.start.lock')}), so this start gave up waiting for it.`,
    );
    expect(Date.now() - begun).toBeGreaterThanOrEqual(1500);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false); // nothing of the start ran
  });

  it('left by a process that was killed (kill -9): taken over once no one refreshes it, and the start goes on', async () => {
    await holdLock();
    holder?.child.kill('SIGKILL');
    await holder?.exited();
    const notices: string[] = [];
    const running = await startEmbeddedPostgres({ dataDir, notice: (message) => notices.push(message) });
    try {
      expect(running.owned).toBe(true);
      expect(notices.join('\n')).toMatch(/Another process is starting the embedded PostgreSQL .*: waiting for it/);
    } finally {
      await running.stop();
    }
    expect(existsSync(join(dataDir, 'postgres.start.lock'))).toBe(false);
    expect(processesOn(dataDir)).toEqual([]);
  }, 90_000);
});
