import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { runHelperSync } from './helper-processes';

/** The user PostgreSQL runs as when the service runs as root (PostgreSQL refuses root). */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Where the binaries are copied and clusters are kept when `postgres` cannot reach the project. */
export const ROOT_BINARY_CACHE = '/var/cache/koproduktiv';
export const ROOT_CLUSTER_HOME = '/var/lib/koproduktiv';

/** The `postgres` system user, created (system account, no login, no home) if missing. */
export function ensureServerUser(name = 'postgres'): ServerUser {
  const lookup = () => {
    const [uid, gid] = [runHelperSync('id', ['-u', name]), runHelperSync('id', ['-g', name])];
    return uid.status === 0 && gid.status === 0
      ? { name, uid: Number(uid.stdout), gid: Number(gid.stdout) }
      : undefined;
  };
  const found = lookup();
  if (found) return found;
  const groupExists = runHelperSync('getent', ['group', name]).status === 0;
  const created = runHelperSync('useradd', [
    '--system',
    '--no-create-home',
    '--home-dir',
    '/nonexistent',
    '--shell',
    '/usr/sbin/nologin',
    ...(groupExists ? ['-g', name] : ['--user-group']),
    name,
  ]);
  const user = lookup();
  if (!user) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root, and the system user "${name}" to run it as could not be created (useradd: ${created.error?.message ?? created.stderr.trim()}). ` +
        'Create it (Debian: apt-get install passwd; useradd --system postgres), run as an ordinary user, or set DATABASE_URL.',
    );
  }
  return user;
}

/** Whether `user` may do `test <flag> path` - exactly as a process spawned with its uid and gid sees it. */
export function userCan(user: ServerUser, flag: '-x' | '-w' | '-r', path: string): boolean {
  return runHelperSync('test', [flag, path], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The binaries' directory (`native/` of the platform package) as the server user may run it: as
 * found, or else a copy under ROOT_BINARY_CACHE (the project lies in a directory only root may
 * enter, like /root). The binaries find their libraries and share files relative to themselves.
 */
export async function reachableBinaries(
  nativeDir: string,
  user: ServerUser,
  note: (message: string) => void,
): Promise<string> {
  if (userCan(user, '-x', join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  const version = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const target = join(ROOT_BINARY_CACHE, `postgresql-${version}-${process.platform}-${process.arch}`);
  const stamp = join(target, '.complete');
  const expected = String(statSync(join(nativeDir, 'bin', 'postgres')).size);
  if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === expected && trustworthy(target))) {
    await mkdir(ROOT_BINARY_CACHE, { recursive: true, mode: 0o755 });
    await chmod(ROOT_BINARY_CACHE, 0o755);
    const staging = `${target}.${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await writeFile(join(staging, '.complete'), expected);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  }
  note(`The postgres user cannot reach ${nativeDir}: PostgreSQL runs from a copy of its binaries in ${target}`);
  if (!userCan(user, '-x', join(target, 'bin', 'postgres'))) {
    throw new EmbeddedPostgresError(
      `The postgres user can reach neither ${nativeDir} nor ${target}, so the embedded PostgreSQL cannot run. Run as an ordinary user, or set DATABASE_URL.`,
    );
  }
  return target;
}

/** A directory root owns that nobody else may write: safe to run binaries from. */
function trustworthy(dir: string): boolean {
  const stat = lstatSync(dir);
  return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0;
}

/**
 * The cluster directory the server user can use. `<dataDir>/postgres` when the user can reach
 * dataDir (the usual case; dataDir is made enterable, 0711, as the cluster inside stays 0700).
 * Otherwise (dataDir under a 0700 directory such as /root) the cluster lives in
 * ROOT_CLUSTER_HOME, named after dataDir's real path, and `<dataDir>/postgres` links to it.
 */
export async function reachableClusterDir(
  dataDir: string,
  user: ServerUser,
  note: (message: string) => void,
): Promise<string> {
  const inPlace = join(dataDir, 'postgres');
  const linked = existsSync(inPlace) && lstatSync(inPlace).isSymbolicLink();
  if (linked) {
    const target = await readlink(inPlace);
    note(`PostgreSQL's cluster for DATA_DIR ${dataDir} is ${target} (the postgres user cannot reach DATA_DIR)`);
    return target;
  }
  await chmod(dataDir, 0o711);
  if (userCan(user, '-x', dataDir)) return inPlace;
  const blocker = firstUnreachable(dataDir, user);
  if (existsSync(inPlace)) {
    throw new EmbeddedPostgresError(
      `The cluster in ${inPlace} cannot be run: PostgreSQL runs as the postgres user (it refuses root), which cannot enter ${blocker}. ` +
        'Move DATA_DIR to a directory the postgres user can reach, run as an ordinary user, or set DATABASE_URL.',
    );
  }
  const real = realpathSync(dataDir);
  const target = join(
    ROOT_CLUSTER_HOME,
    `${basename(dirname(real))}-${basename(real)}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`.replace(
      /[^\w.-]/g,
      '_',
    ),
  );
  try {
    await mkdir(ROOT_CLUSTER_HOME, { recursive: true, mode: 0o755 });
    await mkdir(target, { recursive: true, mode: 0o700 });
    await chown(target, user.uid, user.gid);
    await writeFile(`${target}.source`, `${real}\n`);
    await symlink(target, inPlace);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the postgres user (it refuses root), which cannot enter ${blocker}, and no cluster directory could be made in ${ROOT_CLUSTER_HOME} (${(error as Error).message}). ` +
        'Set DATA_DIR to a directory the postgres user can reach, run as an ordinary user, or set DATABASE_URL.',
    );
  }
  note(
    `PostgreSQL runs as the postgres user, which cannot enter ${blocker}: the cluster for DATA_DIR ${dataDir} is kept in ${target} (${inPlace} links to it)`,
  );
  return target;
}

/** The first ancestor of `path` (itself included) the user cannot enter, with its mode, for messages. */
function firstUnreachable(path: string, user: ServerUser): string {
  const parts = realpathSync(path).split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = `/${parts.slice(0, i).join('/')}`;
    if (!userCan(user, '-x', dir)) return `${dir} (mode ${(statSync(dir).mode & 0o777).toString(8).padStart(4, '0')})`;
  }
  return path;
}
