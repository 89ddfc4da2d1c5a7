import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runningStartHelpers, startAbandoned, stopStartHelpers, trackStartHelper } from './start-helpers';

/** Real processes in process groups of their own, as initdb and the server run. */
describe('the helpers of a start', () => {
  const helper = async (script: string) => {
    const child = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    trackStartHelper(child, '/bin/sh');
    await once(child.stdout, 'data'); // its traps are set
    return child;
  };

  it('are stopped with SIGINT to their process groups: a child of theirs (initdb runs postgres) goes too', async () => {
    // sh dies of SIGINT at once; its output stays open, and 'close' waits, until its child `sleep` is gone as well.
    const obeying = await helper('echo up; sleep 30');
    expect(runningStartHelpers()).toEqual([`sh (pid ${obeying.pid})`]);
    expect(startAbandoned()).toBe(false);
    const began = Date.now();
    await stopStartHelpers(20_000);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(obeying.signalCode).toBe('SIGINT');
    expect(runningStartHelpers()).toEqual([]);
    expect(startAbandoned()).toBe(true);
  });

  it('one that ignores SIGINT is killed after the grace time', async () => {
    const stubborn = await helper('trap "" INT; echo up; while :; do sleep 0.1; done');
    const began = Date.now();
    await stopStartHelpers(500);
    expect(Date.now() - began).toBeGreaterThanOrEqual(500);
    expect(stubborn.signalCode).toBe('SIGKILL');
    expect(runningStartHelpers()).toEqual([]);
  });
});
