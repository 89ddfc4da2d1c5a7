import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

/** What PostgreSQL's lock file, `postmaster.pid` in the cluster directory, says about a server. */
export interface PostmasterLock {
  readonly pid: number;
  readonly dataDir: string;
  readonly port: number;
  readonly socketDir: string | undefined;
}

/** Written into DATA_DIR by the process that started the embedded server, removed when it stops it. */
export interface OwnerRecord {
  readonly postmasterPid: number;
  readonly ownerPid: number;
  readonly ownerCommand: string;
}

export const OWNER_FILE = 'postgres.owner.json';

export function readPostmasterLock(clusterDir: string): PostmasterLock | undefined {
  try {
    const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), dataDir: lines[1], port: Number(lines[3]), socketDir: lines[4] || undefined };
  } catch {
    return undefined;
  }
}

export function readOwner(dataDir: string): OwnerRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as OwnerRecord;
  } catch {
    return undefined;
  }
}

export async function writeOwner(dataDir: string, record: OwnerRecord): Promise<void> {
  await writeFile(join(dataDir, OWNER_FILE), `${JSON.stringify(record)}\n`, { mode: 0o644 });
}

export async function removeOwner(dataDir: string, postmasterPid: number): Promise<void> {
  if (readOwner(dataDir)?.postmasterPid === postmasterPid) await rm(join(dataDir, OWNER_FILE), { force: true });
}

/** Whether a process runs (a zombie, exited but not yet reaped by its parent, does not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: kill(0) said it runs
  }
}

/** The parent of a process and its command line (Linux: /proc; elsewhere: ps). */
export function processInfo(pid: number): { ppid: number; command: string } | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { ppid, command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() };
    }
    const [ppid, ...command] = execFileSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return { ppid: Number(ppid), command: command.join(' ') };
  } catch {
    return undefined;
  }
}

/** How a running server on a cluster directory stands with respect to the process now starting. */
export type Occupant =
  | { readonly kind: 'none' }
  /** postmaster.pid names a process that is not this cluster's server (a reused pid after a crash). */
  | { readonly kind: 'stale-lock'; readonly pid: number }
  /** The server of this cluster, its starter still running it. */
  | { readonly kind: 'in-use'; readonly lock: PostmasterLock; readonly owner: OwnerRecord }
  /** The server of this cluster, left running by a process that ended without stopping it. */
  | { readonly kind: 'left-behind'; readonly lock: PostmasterLock; readonly owner: OwnerRecord | undefined };

export function occupantOf(dataDir: string, clusterDir: string): Occupant {
  const lock = readPostmasterLock(clusterDir);
  if (!lock || !Number.isInteger(lock.pid) || lock.pid <= 0 || !alive(lock.pid)) return { kind: 'none' };
  const info = processInfo(lock.pid);
  if (info && !(info.command.includes(lock.dataDir) && sameDir(lock.dataDir, clusterDir)))
    return { kind: 'stale-lock', pid: lock.pid };
  const owner = readOwner(dataDir);
  if (owner && owner.postmasterPid === lock.pid && info?.ppid === owner.ownerPid && alive(owner.ownerPid))
    return { kind: 'in-use', lock, owner };
  return { kind: 'left-behind', lock, owner };
}

/**
 * Proves a server is this DATA_DIR's own: it accepts the password kept in DATA_DIR and reports
 * the cluster directory as its data directory.
 */
export async function isOwnServer(url: string, clusterDir: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    return sameDir(rows[0].dir, clusterDir);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Stops a server and waits for its process to go: smart shutdown (SIGTERM: it waits for the
 * sessions still closing, so none is cut off with an error), after `graceMs` fast shutdown
 * (SIGINT: sessions ended, a checkpoint written), after a further 30 s immediate (SIGQUIT).
 */
export async function stopServer(pid: number, { graceMs = 5000 }: { graceMs?: number } = {}): Promise<boolean> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGTERM', graceMs],
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ];
  for (const [signal, waitMs] of steps) {
    if (waitMs === 0) continue;
    try {
      process.kill(pid, signal);
    } catch {
      return !alive(pid);
    }
    const deadline = Date.now() + waitMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!alive(pid)) return true;
  }
  return !alive(pid);
}
