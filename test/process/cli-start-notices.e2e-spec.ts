import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { processesOn } from '../support/processes-on';
import { ensureBuilt, RunningProcess, startNode } from '../support/processes';

const CLI = 'dist/apps/cli/src/main.js';

/**
 * The CLI beside a start that has not finished: it waits for the start lock as the service does,
 * and says so on stderr (stdout is the command's answer, which scripts read).
 */
describe('the CLI while another process starts the embedded PostgreSQL of its DATA_DIR', () => {
  let dataDir: string;
  let cli: RunningProcess | undefined;
  let release: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kp-cli-start-notice-'));
  });
  afterAll(async () => {
    await release?.().catch(() => undefined);
    if (cli?.child.exitCode === null) cli.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says on stderr that it waits, then does its work once the other start is done', async () => {
    // This process plays the other start: it holds the start lock as a start does.
    release = await lock(dataDir, { lockfilePath: join(dataDir, 'postgres.start.lock'), realpath: false });
    cli = startNode(CLI, ['retention', 'due', '--json'], { DATA_DIR: dataDir, DATABASE_URL: '' });
    await cli.waitFor(/Another process is starting the embedded PostgreSQL of DATA_DIR .*: waiting for it/, 60_000);
    expect(cli.child.exitCode).toBeNull();

    await release();
    release = undefined;
    expect(await cli.exited(120_000)).toBe(0);
    expect(cli.stdout()).not.toContain('Another process'); // stdout holds only the answer
    expect(JSON.parse(cli.stdout())).toEqual([]); // a new store: nothing due (its read models are not built yet)
    expect(processesOn(dataDir)).toEqual([]); // the CLI stopped the server it started
  }, 180_000);
});
