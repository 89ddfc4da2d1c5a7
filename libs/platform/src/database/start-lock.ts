import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { startAbandoned } from '../process/start-helpers';
import { EmbeddedPostgresError } from './embedded-postgres-error';

/** In DATA_DIR while a process starts its embedded PostgreSQL (a directory; proper-lockfile). */
export const START_LOCK = 'postgres.start.lock';
/**
 * The holder refreshes the lock's mtime every UPDATE_MS; one not refreshed for STALE_MS is left
 * by a process that died (kill -9) and is taken over. Long enough for a busy, shared machine.
 */
const STALE_MS = 20_000;
const UPDATE_MS = 2_000;
const POLL_MS = 250;

export interface StartLockOptions {
  /** How long to wait for another process's start before giving up. */
  readonly waitMs: number;
  readonly notice: (message: string, level: 'info' | 'warn') => void;
}

/**
 * Runs `start` while no other process starts the embedded PostgreSQL of the same DATA_DIR: two
 * first starts at once would both run initdb into one place. A second start waits for the first
 * and then finds its finished cluster and running server.
 */
export async function whileStartLocked<T>(
  dataDir: string,
  start: () => Promise<T>,
  { waitMs, notice }: StartLockOptions,
): Promise<T> {
  const lockPath = join(dataDir, START_LOCK);
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    onCompromised: () =>
      notice(
        `${lockPath} was taken over by another process: this one could not refresh it for ${STALE_MS / 1000} s (suspended or overloaded), so both may be starting the embedded PostgreSQL of DATA_DIR ${dataDir} at once`,
        'warn',
      ),
  };
  const deadline = Date.now() + waitMs;
  let waited = false;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lock(dataDir, options);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (startAbandoned())
        throw new EmbeddedPostgresError('the start was stopped while it waited for another start on its DATA_DIR');
      if (Date.now() >= deadline)
        throw new EmbeddedPostgresError(
          `Another process has been starting the embedded PostgreSQL of DATA_DIR ${dataDir} for more than ${waitMs / 1000} s (it holds ${lockPath}), so this start gave up waiting for it. ` +
            `Try again once that start has finished, or stop that process; a lock no living process refreshes is taken over after ${STALE_MS / 1000} s.`,
        );
      if (!waited)
        notice(
          `Another process is starting the embedded PostgreSQL of DATA_DIR ${dataDir} (${lockPath}): waiting for it, ${waitMs / 1000} s at most`,
          'info',
        );
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await start();
  } finally {
    await release().catch(() => undefined);
  }
}
