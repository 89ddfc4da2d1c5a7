import { randomBytes } from 'node:crypto';
import { ChildProcess, SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { isOwnServer, occupantOf, PostmasterLock, removeOwner, stopServer, writeOwner } from './left-behind';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { againAfterStopSignal, isStopSignal, KilledByStopSignal, spawnDetached } from './helper-processes';
import { freeSpaceAt, initdbFailureMessage, shortOfSpaceForServer } from './initdb-failure';
import { unfinishedCluster } from './unfinished-cluster';
import { ensureServerUser, reachableBinaries, reachableClusterDir, ServerUser } from './postgres-as-root';

export { EmbeddedPostgresError } from './embedded-postgres-error';

export interface EmbeddedPostgresOptions {
  /** The instance's directory; the cluster lives in `<dataDir>/postgres`. */
  readonly dataDir: string;
  readonly database?: string;
  /** PostgreSQL's own log lines. */
  readonly log?: (message: string) => void;
  /** What was done beyond the usual start, for the operator (a left-behind server stopped, the cluster placed elsewhere). */
  readonly notice?: (message: string, level: 'info' | 'warn') => void;
  /**
   * When a live process of this project runs the server already: use it (the CLI beside a running
   * service) or refuse (a second service on the same DATA_DIR). Default: refuse.
   */
  readonly whenInUse?: 'attach' | 'refuse';
}

export interface RunningPostgres {
  readonly url: string;
  /** False when attached to a server another process runs: stop() then leaves it running. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

const USER = 'koproduktiv';
export const SECRET_FILE = 'postgres.secret';

/**
 * A real PostgreSQL server from the binaries of the `embedded-postgres` package, on a free loopback
 * port, its data kept under the given directory between runs. The server runs in its own process
 * group, so a terminal's Ctrl-C reaches only the service, which stops the server last, once its
 * connections are closed. A server left running by an earlier run that was killed is recognised (its cluster,
 * its password) and stopped before a new one starts. As root it runs as the `postgres` system user
 * (PostgreSQL refuses root), created if missing; see postgres-as-root.ts for where binaries and
 * cluster go when that user cannot reach the project.
 */
export async function startEmbeddedPostgres({
  dataDir,
  database = 'koproduktiv',
  log = () => undefined,
  notice = () => undefined,
  whenInUse = 'refuse',
}: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  const password = await loadOrCreateSecret(join(root, SECRET_FILE));
  const serverUser = process.getuid?.() === 0 ? ensureServerUser() : undefined;
  const info = (message: string) => notice(message, 'info');
  const clusterDir = serverUser ? await reachableClusterDir(root, serverUser, info) : join(root, 'postgres');
  const urlFor = (port: number, socketDir: string | undefined, name: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;

  const attached = await dealWithRunningServer(
    root,
    clusterDir,
    whenInUse,
    (lock, name) => urlFor(lock.port, lock.socketDir, name),
    notice,
  );
  if (attached) {
    await createDatabaseIfMissing(urlFor(attached.port, attached.socketDir, 'postgres'), database).catch(
      (error: Error) => {
        throw new EmbeddedPostgresError(
          `The database "${database}" could not be created on the embedded PostgreSQL (pid ${attached.pid}) another process runs on ${clusterDir}: ${error.message}`,
        );
      },
    );
    return { url: urlFor(attached.port, attached.socketDir, database), owned: false, stop: async () => undefined };
  }

  const binaries = await binariesFor(serverUser, info);
  const recent: string[] = [];
  const remember = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    }
  };
  const again = (error: KilledByStopSignal) => log(`${error.message}, most likely before it ran: starting it again`);
  await removeUnfinishedCluster(clusterDir, notice);
  if (!existsSync(join(clusterDir, 'PG_VERSION')))
    await initialise(binaries, clusterDir, password, serverUser, remember, again);
  const port = await freePort();
  const socketDir = unixSocketDirFor(clusterDir, port);
  const server = await againAfterStopSignal(
    () => startServer(binaries, clusterDir, port, socketDir, serverUser, remember),
    again,
  ).catch(async (error: Error) => {
    const space = shortOfSpaceForServer(await freeSpaceAt(clusterDir));
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL in ${clusterDir} did not start (${error.message}).${space ? ` ${space}` : ''} Last messages:\n${recent.join('\n')}`,
    );
  });
  const postmasterPid = server.pid as number;
  await writeOwner(root, { postmasterPid, ownerPid: process.pid, ownerCommand: process.argv.slice(1).join(' ') });
  // Whatever ends this process (an uncaught error, process.exit), the server is told to stop; only SIGKILL leaves it behind.
  const onExit = () => server.exitCode === null && server.kill('SIGINT');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Kept until the server is gone: a process that exits while the server still waits for its
      // sessions (a stop that ran out of time) tells it to stop fast on the way out.
      await stopServer(postmasterPid);
      process.off('exit', onExit);
      await removeOwner(root, postmasterPid);
    })());
  await createDatabaseIfMissing(urlFor(port, socketDir, 'postgres'), database).catch(async (error: Error) => {
    await stop();
    throw new EmbeddedPostgresError(
      `The database "${database}" could not be created on the embedded PostgreSQL in ${clusterDir}, so the server was stopped again: ${error.message}`,
    );
  });
  return { url: urlFor(port, socketDir, database), owned: true, stop };
}

/**
 * A server already running on the cluster: returns its lock when this process is to use it;
 * stops it when an earlier run left it behind; throws when it is someone else's or in use.
 */
async function dealWithRunningServer(
  root: string,
  clusterDir: string,
  whenInUse: 'attach' | 'refuse',
  urlFor: (lock: PostmasterLock, database: string) => string,
  notice: (message: string, level: 'info' | 'warn') => void,
): Promise<PostmasterLock | undefined> {
  const occupant = occupantOf(root, clusterDir);
  switch (occupant.kind) {
    case 'none':
      return undefined;
    case 'stale-lock':
      await rm(join(clusterDir, 'postmaster.pid'), { force: true });
      notice(
        `Removed a stale postmaster.pid from ${clusterDir}: its process ${occupant.pid} is no PostgreSQL of this cluster`,
        'warn',
      );
      return undefined;
    case 'in-use':
      if (whenInUse === 'attach') return occupant.lock;
      throw new EmbeddedPostgresError(
        `DATA_DIR ${root} is in use: its embedded PostgreSQL (pid ${occupant.lock.pid}) is run by another process, pid ${occupant.owner.ownerPid} (${occupant.owner.ownerCommand}). ` +
          'Stop that one first, or give this one its own DATA_DIR.',
      );
    case 'left-behind': {
      const { lock, owner } = occupant;
      if (!(await isOwnServer(urlFor(lock, 'postgres'), clusterDir))) {
        throw new EmbeddedPostgresError(
          `A PostgreSQL server (pid ${lock.pid}) runs on ${clusterDir} but does not accept this DATA_DIR's password (${SECRET_FILE}), so it was left alone. Stop it yourself (kill -INT ${lock.pid}).`,
        );
      }
      const by = owner ? `pid ${owner.ownerPid}, ${owner.ownerCommand}` : 'a process that left no record';
      if (!(await stopServer(lock.pid, { graceMs: 0 })))
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL (pid ${lock.pid}) left running by an earlier run (${by}) did not stop within a minute.`,
        );
      await removeOwner(root, lock.pid);
      notice(
        `Stopped the embedded PostgreSQL (pid ${lock.pid}) that an earlier run on this DATA_DIR (${by}) left running when it ended without stopping it; starting it anew`,
        'warn',
      );
      return undefined;
    }
  }
}

/**
 * A cluster initdb began but did not finish (by an earlier version of this project, which ran initdb
 * in place, by hand, or by another tool; cut short, or failed with --no-clean) cannot be started.
 * It is removed, to be made anew, only when nothing in it can be data; otherwise the start is refused.
 */
async function removeUnfinishedCluster(
  clusterDir: string,
  notice: (message: string, level: 'info' | 'warn') => void,
): Promise<void> {
  const unfinished = unfinishedCluster(clusterDir);
  if (!unfinished) return;
  const lacks = `it has PG_VERSION but no ${unfinished.missing.join(', no ')}`;
  if (unfinished.mayHoldData.length)
    throw new EmbeddedPostgresError(
      `${clusterDir} holds a PostgreSQL cluster that initdb did not finish (${lacks}), yet it may hold data (${unfinished.mayHoldData.join('; ')}), so it was left alone. ` +
        `Move it away (mv ${shellWord(clusterDir)} ${shellWord(`${clusterDir}.unfinished`)}) to have a new cluster made, or restore it from a backup.`,
    );
  await rm(clusterDir, { recursive: true, force: true });
  notice(
    `Removed ${clusterDir}, a cluster initdb did not finish (${lacks}): no server has run on it and it holds no database or tablespace beyond initdb's own, so no data. Making a new cluster`,
    'warn',
  );
}

/** A path as one word for a POSIX shell, for commands a message tells the operator to run. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The PostgreSQL binaries of this platform, from the `embedded-postgres` package's platform package. */
async function binariesFor(serverUser: ServerUser | undefined, note: (message: string) => void): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${platformPackage} is not installed). Set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const nativeDir = join(dirname(entry), '..', 'native');
  return serverUser ? reachableBinaries(nativeDir, serverUser, note) : nativeDir;
}

function asServerUser(serverUser: ServerUser | undefined): SpawnOptions {
  return {
    ...(serverUser ? { uid: serverUser.uid, gid: serverUser.gid } : {}),
    // eslint-disable-next-line no-restricted-syntax -- the server inherits PATH and the locale; no setting of ours is read
    env: { ...process.env, LC_MESSAGES: 'C' },
  };
}

/**
 * A new cluster, made by initdb in `<clusterDir>.initdb` and renamed into place once complete: an
 * initdb cut short (killed, the machine stopped) leaves nothing the next start would take for a
 * cluster, and is done again then.
 */
async function initialise(
  binaries: string,
  clusterDir: string,
  password: string,
  serverUser: ServerUser | undefined,
  log: (message: string) => void,
  again: (error: KilledByStopSignal) => void,
): Promise<void> {
  if (existsSync(clusterDir) && (await readdir(clusterDir)).length > 0)
    throw new EmbeddedPostgresError(
      `${clusterDir} holds files but no PostgreSQL cluster (no PG_VERSION), so it was left alone. Move it away to have a new cluster made there.`,
    );
  const staging = `${clusterDir}.initdb`;
  // The password reaches initdb in a file only the server user can read, deleted right after.
  const pwDir = await mkdtemp(join(tmpdir(), 'kp-initdb-'));
  const pwFile = join(pwDir, 'pw');
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (serverUser) {
    await chown(pwDir, serverUser.uid, serverUser.gid);
    await chown(pwFile, serverUser.uid, serverUser.gid);
  }
  const args = [
    `--pgdata=${staging}`,
    '--auth=scram-sha-256',
    `--username=${USER}`,
    `--pwfile=${pwFile}`,
    '--lc-messages=C',
    '--encoding=UTF8',
    '--no-instructions',
  ];
  const run = async () => {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    if (serverUser) await chown(staging, serverUser.uid, serverUser.gid);
    const child = spawnDetached(join(binaries, 'bin', 'initdb'), args, {
      ...asServerUser(serverUser),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout?.on('data', (chunk) => log(String(chunk)));
    child.stderr?.on('data', (chunk) => {
      log(String(chunk));
      stderr = (stderr + String(chunk)).slice(-16_384);
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, failed) =>
      child.on('error', failed).on('close', (...exit) => done(exit)),
    );
    if (isStopSignal(signal)) throw new KilledByStopSignal('initdb', signal);
    if (code !== 0)
      throw new EmbeddedPostgresError(
        initdbFailureMessage({
          clusterDir,
          exit: code ?? String(signal),
          stderr,
          free: await freeSpaceAt(dirname(staging)),
        }),
      );
  };
  try {
    await againAfterStopSignal(run, again);
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }
  await rename(staging, clusterDir);
}

/** Starts the server in its own process group and resolves once it accepts connections. */
function startServer(
  binaries: string,
  clusterDir: string,
  port: number,
  socketDir: string | undefined,
  serverUser: ServerUser | undefined,
  log: (message: string) => void,
): Promise<ChildProcess> {
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socketDir ?? ''}`,
    '-c',
    'max_connections=200',
  ];
  const child = spawnDetached(join(binaries, 'bin', 'postgres'), ['-D', clusterDir, '-p', String(port), ...flags], {
    ...asServerUser(serverUser),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStarted, rejectStarted) => {
    let ready = false;
    const onOutput = (chunk: Buffer) => {
      const text = String(chunk);
      log(text);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolveStarted(child);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.on('error', rejectStarted);
    child.on('exit', (code, signal) => {
      if (ready) return;
      rejectStarted(
        isStopSignal(signal) ? new KilledByStopSignal('The server', signal) : new Error(`exit ${code ?? signal}`),
      );
    });
  });
}

/**
 * The service talks to its own server through a unix socket in the cluster directory: on loopback
 * TCP every send also runs the receiver's network stack, which cost the API about a third of its
 * CPU under load. TCP stays open for other tools. No socket when its path would exceed the
 * platform's limit (about 107 bytes) or hold characters the server's list syntax would split.
 */
export function unixSocketDirFor(clusterDir: string, port: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  const socketPath = join(clusterDir, `.s.PGSQL.${port}`);
  return Buffer.byteLength(socketPath) <= 100 && !/[\s,'"\\]/.test(clusterDir) ? clusterDir : undefined;
}

async function loadOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rows.length) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two processes creating the same database at once: the other one won.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
