import pino from 'pino';
import { SHUTDOWN_TIMED_OUT_EXIT_CODE, shutDown, ShutdownStep } from './shutdown';

function recorder() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('shutDown', () => {
  it('runs the steps in order, goes on after a failed one, logs it and exits 0', async () => {
    const { logger, lines } = recorder();
    const ran: string[] = [];
    const exits: number[] = [];
    const step = (name: string, fails = false): ShutdownStep => ({
      name,
      run: async () => {
        ran.push(name);
        if (fails) throw new Error(`${name} broke`);
      },
    });
    await shutDown([step('a'), step('b', true), step('c')], {
      logger,
      timeoutMs: 1000,
      exit: (code) => exits.push(code),
    });
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(exits).toEqual([0]);
    expect(lines.map(({ level, msg }) => [level, msg])).toEqual([
      [50, 'b failed'],
      [30, 'stopped'],
    ]);
  });

  it('when a step does not finish in time: one error line with the step, what it waits for and the steps not begun', async () => {
    const { logger, lines } = recorder();
    const exited = new Promise<number>(
      (resolve) =>
        void shutDown(
          [
            { name: 'first', run: async () => undefined },
            { name: 'stuck', run: () => new Promise(() => undefined), detail: async () => '2 things open' },
            { name: 'last', run: async () => undefined },
          ],
          { logger, timeoutMs: 50, exit: resolve },
        ),
    );
    expect(await exited).toBe(SHUTDOWN_TIMED_OUT_EXIT_CODE);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        timeoutMs: 50,
        step: 'stuck',
        waitingFor: '2 things open',
        notBegun: ['last'],
        msg: 'shutdown timed out after 50 ms: stuck had not finished (2 things open); not begun: last',
      }),
    ]);
  });
});
