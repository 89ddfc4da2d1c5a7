import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';
import { OWNER_FILE } from './left-behind';
import { processesOn } from './testing/processes-on';

describe('the application database cannot be created after the embedded PostgreSQL has started', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kp-create-db-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops the server it started and says why, in PostgreSQL’s words', async () => {
    const clusterDir = join(dataDir, 'postgres');
    // A name PostgreSQL refuses: CREATE DATABASE "" is a zero-length identifier.
    const start = startEmbeddedPostgres({ dataDir, database: '' });

    await expect(start).rejects.toThrow(EmbeddedPostgresError);
    await expect(start).rejects.toThrow(
      `The database "" could not be created on the embedded PostgreSQL in ${clusterDir}, so the server was stopped again: zero-length delimited identifier`,
    );
    expect(processesOn(clusterDir)).toEqual([]);
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false); // removed by a clean shutdown
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(false);

    // The cluster itself is sound: the next start with a name PostgreSQL takes runs on it.
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      expect(running.owned).toBe(true);
    } finally {
      await running.stop();
    }
    expect(processesOn(clusterDir)).toEqual([]);
  });
});
