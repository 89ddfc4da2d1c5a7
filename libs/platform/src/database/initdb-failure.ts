import { statfs } from 'node:fs/promises';

/**
 * Free space below which a failed initdb is put down to the disk: a new PostgreSQL 18 cluster takes
 * about 41 MB (a 16 MB WAL segment and three databases), and its first start writes more.
 */
export const INITDB_NEEDS_BYTES = 64 * 1024 * 1024;

/** How many of initdb's last stderr lines the message carries. */
export const INITDB_STDERR_LINES = 8;

export interface FreeSpace {
  /** The directory whose filesystem was asked. */
  readonly path: string;
  /** Bytes an unprivileged writer may still use there. */
  readonly bytes: number;
}

/** The free space of the filesystem holding `path`, or undefined when it cannot be asked. */
export async function freeSpaceAt(path: string): Promise<FreeSpace | undefined> {
  try {
    const stats = await statfs(path);
    return { path, bytes: stats.bavail * stats.bsize };
  } catch {
    return undefined;
  }
}

export interface InitdbFailure {
  readonly clusterDir: string;
  readonly exit: number | string;
  /** The end of initdb's stderr (its own errors and those of the server it runs). */
  readonly stderr: string;
  readonly free: FreeSpace | undefined;
  readonly neededBytes?: number;
}

/**
 * The server that would not start on a filesystem with less than INITDB_NEEDS_BYTES free (it writes a
 * 16 MB WAL segment at a time): the full disk said plainly, before PostgreSQL's own last lines.
 */
export function shortOfSpaceForServer(free: FreeSpace | undefined): string | undefined {
  if (!free || free.bytes >= INITDB_NEEDS_BYTES) return undefined;
  return `Only ${free.bytes} bytes (${mebibytes(free.bytes)}) are free on the filesystem of ${free.path}: free space there, or move DATA_DIR to a disk with room, and start again.`;
}

/** Why initdb failed, in its own words, and the full disk said plainly when that is the likely reason. */
export function initdbFailureMessage({
  clusterDir,
  exit,
  stderr,
  free,
  neededBytes = INITDB_NEEDS_BYTES,
}: InitdbFailure): string {
  const parts = [`initdb failed for ${clusterDir} (exit ${exit}).`];
  if (free && free.bytes < neededBytes)
    parts.push(
      `Only ${free.bytes} bytes (${mebibytes(free.bytes)}) are free on the filesystem of ${free.path}, and a new cluster needs about ${mebibytes(neededBytes)}: ` +
        'free space there, or set DATA_DIR to a disk with room, and start again.',
    );
  const said = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean)
    .slice(-INITDB_STDERR_LINES);
  parts.push(
    said.length ? `initdb said:\n${said.map((line) => `  ${line}`).join('\n')}` : 'initdb said nothing on stderr.',
  );
  return parts.join(' ');
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
