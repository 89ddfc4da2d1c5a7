import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { ensureServerUser } from './postgres-as-root';
import { unfinishedCluster } from './unfinished-cluster';

const initdb = join(
  dirname(
    require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, {
      paths: [dirname(require.resolve('embedded-postgres'))],
    }),
  ),
  '..',
  'native',
  'bin',
  'initdb',
);
const serverUser = process.getuid?.() === 0 ? ensureServerUser() : undefined;

/** A DATA_DIR whose postgres/ initdb (the real one, as the server user) is about to be run in. */
async function dataDirWithClusterDir(prefix = 'kp-unfinished-'): Promise<{ dataDir: string; clusterDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const clusterDir = join(dataDir, 'postgres');
  await mkdir(clusterDir, { mode: 0o700 });
  if (serverUser) for (const dir of [dataDir, clusterDir]) chownSync(dir, serverUser.uid, serverUser.gid);
  return { dataDir, clusterDir };
}

const initdbArgs = (clusterDir: string, ...extra: string[]) => [
  `--pgdata=${clusterDir}`,
  '--auth=trust',
  '--username=koproduktiv',
  '--encoding=UTF8',
  '--no-instructions',
  ...extra,
];
const asServerUser = serverUser ? { uid: serverUser.uid, gid: serverUser.gid } : {};

/** initdb killed (SIGKILL to it and the server it runs) once `reached` holds in the directory. */
async function initdbKilledWhen(clusterDir: string, reached: () => boolean): Promise<void> {
  const child = spawn(initdb, initdbArgs(clusterDir), { ...asServerUser, detached: true, stdio: 'ignore' });
  const exited = new Promise((done) => child.on('exit', done));
  while (child.exitCode === null && !reached()) await new Promise((resolve) => setTimeout(resolve, 2));
  if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
  await exited;
}

async function canQuery(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
  } finally {
    await client.end();
  }
}

describe('a cluster directory initdb did not finish (PG_VERSION written, the cluster incomplete)', () => {
  const dirs: string[] = [];
  let running: RunningPostgres | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('left by an initdb that failed (--no-clean) before the bootstrap: the next start removes it, says so and makes a cluster', async () => {
    const { dataDir, clusterDir } = await dataDirWithClusterDir();
    dirs.push(dataDir);
    const failed = spawnSync(initdb, initdbArgs(clusterDir, '--no-clean', '-c', 'shared_buffers=bogus'), {
      ...asServerUser,
      encoding: 'utf8',
    });
    expect(failed.status).toBe(1);
    expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    expect(unfinishedCluster(clusterDir)).toEqual({
      missing: ['global/pg_control', 'base/4', 'base/5'],
      mayHoldData: [],
    });

    const notices: string[] = [];
    running = await startEmbeddedPostgres({ dataDir, notice: (message) => notices.push(message) });
    expect(await canQuery(running.url)).toBe('koproduktiv');
    expect(notices).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Removed ${clusterDir}, a cluster initdb did not finish \\(it has PG_VERSION but no global/pg_control`,
        ),
      ),
    );
    expect(unfinishedCluster(clusterDir)).toBeUndefined();
  });

  it('left by an initdb killed after the bootstrap, before it made template0 and postgres: the next start makes a working cluster', async () => {
    // The window (bootstrap done, databases not yet made) is some 300 ms here; a slow poll may miss it.
    let { dataDir, clusterDir } = await dataDirWithClusterDir();
    for (let attempt = 1; ; attempt++) {
      dirs.push(dataDir);
      await initdbKilledWhen(clusterDir, () => existsSync(join(clusterDir, 'base', '1', 'PG_VERSION')));
      if (attempt === 5 || unfinishedCluster(clusterDir)?.missing.includes('base/5')) break;
      ({ dataDir, clusterDir } = await dataDirWithClusterDir());
    }
    expect(existsSync(join(clusterDir, 'global', 'pg_control'))).toBe(true);
    expect(unfinishedCluster(clusterDir)?.missing).toContain('base/5');

    const notices: string[] = [];
    running = await startEmbeddedPostgres({ dataDir, notice: (message) => notices.push(message) });
    expect(await canQuery(running.url)).toBe('koproduktiv');
    expect(notices.join('\n')).toContain(`Removed ${clusterDir}, a cluster initdb did not finish`);
  });

  it('that may hold data (a database initdb does not make) is left alone, and the start is refused naming it and the step to take', async () => {
    const { dataDir, clusterDir } = await dataDirWithClusterDir('kp unfinished-');
    dirs.push(dataDir);
    spawnSync(initdb, initdbArgs(clusterDir, '--no-clean', '-c', 'shared_buffers=bogus'), asServerUser);
    await mkdir(join(clusterDir, 'base', '16384'));
    await writeFile(join(clusterDir, 'base', '16384', 'PG_VERSION'), '18\n');
    const before = readdirSync(clusterDir).sort();

    const start = startEmbeddedPostgres({ dataDir });
    await expect(start).rejects.toThrow(EmbeddedPostgresError);
    await expect(start).rejects.toThrow(
      `${clusterDir} holds a PostgreSQL cluster that initdb did not finish (it has PG_VERSION but no global/pg_control, no base/4, no base/5), yet it may hold data (base/16384 (a database initdb does not make)), so it was left alone. ` +
        `Move it away (mv '${clusterDir}' '${clusterDir}.unfinished') to have a new cluster made, or restore it from a backup.`,
    );
    expect(readdirSync(clusterDir).sort()).toEqual(before);
    expect(existsSync(join(clusterDir, 'base', '16384', 'PG_VERSION'))).toBe(true);
  });

  it('a finished cluster a server has run on is not taken for unfinished', async () => {
    const { dataDir } = await dataDirWithClusterDir();
    dirs.push(dataDir);
    running = await startEmbeddedPostgres({ dataDir });
    await running.stop();
    running = undefined;
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.opts'))).toBe(true);
    expect(unfinishedCluster(join(dataDir, 'postgres'))).toBeUndefined();
  });
});
