import type { ChildProcess } from 'node:child_process';
import { basename } from 'node:path';

/**
 * The long-running helpers a start has spawned and that still run (initdb, the embedded PostgreSQL
 * server), each leading a process group of its own, which a terminal's Ctrl-C does not reach. A
 * stop while the start is still under way (stop-signals.ts) ends them through this list.
 */
interface Helper {
  readonly name: string;
  readonly pid: number;
  /** Resolves once the helper has exited and its output is closed (its children gone with it). */
  readonly gone: Promise<void>;
}

const running = new Map<number, Helper>();
let abandoned = false;

export function trackStartHelper(child: ChildProcess, command: string): void {
  const pid = child.pid;
  if (pid === undefined) return; // not spawned: its 'error' event tells the start
  const gone = new Promise<void>((resolve) => child.once('close', () => resolve()));
  running.set(pid, { name: basename(command), pid, gone });
  void gone.then(() => running.delete(pid));
}

/** True once a stop has given up the start: no helper is spawned or run again from then on. */
export function startAbandoned(): boolean {
  return abandoned;
}

/** The helpers still running, e.g. `initdb (pid 123)`. */
export function runningStartHelpers(): string[] {
  return [...running.values()].map(({ name, pid }) => `${name} (pid ${pid})`);
}

/**
 * Gives up the start and stops its helpers: SIGINT to each one's process group, as a terminal's
 * Ctrl-C would (initdb stops and removes what it made; PostgreSQL shuts down fast), SIGKILL to the
 * groups still there after `graceMs`. Resolves once they are gone.
 */
export async function stopStartHelpers(graceMs: number): Promise<void> {
  abandoned = true;
  const helpers = [...running.values()];
  for (const { pid } of helpers) signalGroup(pid, 'SIGINT');
  const allGone = Promise.all(helpers.map(({ gone }) => gone)).then(() => true);
  const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref());
  if (await Promise.race([allGone, late])) return;
  killStartHelpers();
  await allGone;
}

/** SIGKILL to the process group of every helper still running, without waiting. */
export function killStartHelpers(): void {
  abandoned = true;
  for (const { pid } of running.values()) signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // No group yet (forked, setsid not yet made) or gone already: the helper alone, if it is still there.
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}
