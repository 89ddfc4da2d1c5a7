import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  againAfterStopSignal,
  isStopSignal,
  KilledByStopSignal,
  runHelperSync,
  RUNS,
  spawnDetached,
} from './helper-processes';

/** Real processes that die of a real signal, as a helper does when a Ctrl-C comes at the wrong instant. */
describe('helper processes killed by a stop signal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kp-helpers-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** `sh` arguments: counts its runs in ./runs, kills itself with `signal` in the first `times`, then prints "done". */
  const dyingFirst = (times: number, signal: string) => [
    '-c',
    `echo run >> runs; [ $(wc -l < runs) -gt ${times} ] || kill -${signal} $$; echo done`,
  ];
  const runs = async () => (await readFile(join(dir, 'runs'), 'utf8')).split('\n').filter(Boolean).length;

  describe('runHelperSync', () => {
    it.each(['INT', 'TERM'])(
      'runs a helper that SIG%s killed again, and returns the run that ended',
      async (signal) => {
        const result = runHelperSync('sh', dyingFirst(2, signal), { cwd: dir });
        expect({ status: result.status, stdout: result.stdout, runs: await runs() }).toEqual({
          status: 0,
          stdout: 'done\n',
          runs: 3,
        });
      },
    );

    it(`gives up after ${RUNS} runs and returns the last one`, async () => {
      const result = runHelperSync('sh', dyingFirst(100, 'INT'), { cwd: dir });
      expect({ signal: result.signal, runs: await runs() }).toEqual({ signal: 'SIGINT', runs: RUNS });
    });

    it.each(['KILL', 'HUP'])('runs a helper that SIG%s killed only once', async (signal) => {
      const result = runHelperSync('sh', dyingFirst(1, signal), { cwd: dir });
      expect({ signal: result.signal, runs: await runs() }).toEqual({ signal: `SIG${signal}`, runs: 1 });
    });

    it('runs a helper that failed only once', async () => {
      const result = runHelperSync('sh', ['-c', 'echo run >> runs; exit 3'], { cwd: dir });
      expect({ status: result.status, runs: await runs() }).toEqual({ status: 3, runs: 1 });
    });
  });

  describe('spawnDetached with againAfterStopSignal', () => {
    const runToEnd = (args: string[]) => () =>
      new Promise<number | null>((resolve, reject) =>
        spawnDetached('sh', args, { cwd: dir, stdio: 'ignore' }).on('exit', (code, signal) =>
          isStopSignal(signal) ? reject(new KilledByStopSignal('sh', signal)) : resolve(code),
        ),
      );

    it('starts a process that a stop signal killed again, telling each time', async () => {
      const told: string[] = [];
      const code = await againAfterStopSignal(runToEnd(dyingFirst(2, 'TERM')), (error) => told.push(error.message));
      expect({ code, runs: await runs(), told }).toEqual({
        code: 0,
        runs: 3,
        told: ['sh was killed by SIGTERM', 'sh was killed by SIGTERM'],
      });
    });

    it(`gives up after ${RUNS} runs with the last KilledByStopSignal`, async () => {
      await expect(againAfterStopSignal(runToEnd(dyingFirst(100, 'INT')), () => undefined)).rejects.toThrow(
        new KilledByStopSignal('sh', 'SIGINT'),
      );
      expect(await runs()).toBe(RUNS);
    });

    it('does not start again after any other failure', async () => {
      let starts = 0;
      const failing = () => {
        starts++;
        return Promise.reject(new Error('exit 1'));
      };
      await expect(againAfterStopSignal(failing, () => undefined)).rejects.toThrow('exit 1');
      expect(starts).toBe(1);
    });

    it('runs the process in a process group of its own, out of reach of a Ctrl-C to this one', async () => {
      const child = spawnDetached('sh', ['-c', 'cut -d" " -f5 /proc/$$/stat'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let group = '';
      child.stdout?.on('data', (chunk) => (group += chunk));
      await new Promise((resolve) => child.on('close', resolve));
      expect(Number(group)).toBe(child.pid);
    });
  });
});
