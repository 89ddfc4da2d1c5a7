import { ChildProcess, spawn, SpawnOptions, spawnSync, SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';
import { startAbandoned, trackStartHelper } from '../process/start-helpers';
import { EmbeddedPostgresError } from './embedded-postgres-error';

/**
 * A terminal's Ctrl-C is sent to the service's whole process group. The service keeps it, finishes
 * starting and then stops (stop-signals.ts), but the processes it runs meanwhile may
 * die of it: initdb and the server run in a session of their own, yet belong to the group for an
 * instant (between fork and setsid), and a Ctrl-C then stays pending and kills them before they
 * run; the short checks as root (`id`, `test`) stay in the group. Such a process did not fail, so
 * it is run again, RUNS times at most.
 */
export const RUNS = 5;

export function isStopSignal(signal: NodeJS.Signals | null | undefined): signal is 'SIGINT' | 'SIGTERM' {
  return signal === 'SIGINT' || signal === 'SIGTERM';
}

export class KilledByStopSignal extends EmbeddedPostgresError {
  constructor(what: string, signal: NodeJS.Signals) {
    super(`${what} was killed by ${signal}`);
  }
}

/**
 * A long-running helper (initdb, the server) in a session of its own, listed for a stop while
 * starting (start-helpers.ts); none once such a stop has given the start up.
 */
export function spawnDetached(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  if (startAbandoned()) throw new EmbeddedPostgresError(`the start was stopped before ${command} ran`);
  const child = spawn(command, args, { ...options, detached: true });
  trackStartHelper(child, command);
  return child;
}

/** A short helper, run to its end (again when a stop signal killed it). */
export function runHelperSync(
  command: string,
  args: readonly string[],
  options: SpawnSyncOptions = {},
): SpawnSyncReturns<string> {
  for (let run = 1; ; run++) {
    const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
    if (!isStopSignal(result.signal) || run === RUNS || startAbandoned()) return result;
  }
}

/** `start()` again whenever what it started was killed by a stop signal (KilledByStopSignal). */
export async function againAfterStopSignal<T>(
  start: () => Promise<T>,
  onAgain: (error: KilledByStopSignal) => void,
): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await start();
    } catch (error) {
      if (!(error instanceof KilledByStopSignal) || run === RUNS || startAbandoned()) throw error;
      onAgain(error);
    }
  }
}
