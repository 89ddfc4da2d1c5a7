import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unfinishedCluster } from './unfinished-cluster';

/** A directory with the given files (contents do not matter beyond PG_VERSION). */
function clusterWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-cluster-files-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (path.endsWith('/')) mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), content);
  }
  return dir;
}
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const finished = { PG_VERSION: '18\n', 'global/pg_control': '', 'base/1/': '', 'base/4/': '', 'base/5/': '' };

describe('unfinishedCluster (what a cluster directory initdb began but did not finish lacks, and what in it may be data)', () => {
  it('is nothing for a directory without PG_VERSION (no cluster) and for a finished cluster', () => {
    expect(unfinishedCluster(clusterWith({ 'base/1/': '' }))).toBeUndefined();
    expect(unfinishedCluster(join(tmpdir(), 'kp-no-such-dir'))).toBeUndefined();
    expect(unfinishedCluster(clusterWith(finished))).toBeUndefined();
    expect(unfinishedCluster(clusterWith({ ...finished, 'base/16384/': '', 'postmaster.opts': '' }))).toBeUndefined();
  });

  it('names what is missing, and nothing as data when only initdb’s own databases are there', () => {
    expect(unfinishedCluster(clusterWith({ PG_VERSION: '18\n', 'base/1/': '' }))).toEqual({
      missing: ['global/pg_control', 'base/4', 'base/5'],
      mayHoldData: [],
    });
  });

  it('takes a run server, a database initdb does not make and a tablespace for possible data', () => {
    const { 'base/5/': _postgres, ...withoutPostgres } = finished;
    expect(
      unfinishedCluster(
        clusterWith({ ...withoutPostgres, 'postmaster.opts': '', 'base/16390/': '', 'pg_tblspc/16400': '' }),
      ),
    ).toEqual({
      missing: ['base/5'],
      mayHoldData: [
        'postmaster.opts (a server has run on it)',
        'base/16390 (a database initdb does not make)',
        'pg_tblspc/16400 (a tablespace)',
      ],
    });
  });

  it('before PostgreSQL 15 (template0 and postgres without fixed OIDs) judges by pg_control alone', () => {
    expect(
      unfinishedCluster(clusterWith({ PG_VERSION: '14\n', 'global/pg_control': '', 'base/1/': '' })),
    ).toBeUndefined();
    expect(unfinishedCluster(clusterWith({ PG_VERSION: '14\n', 'base/1/': '', 'base/13757/': '' }))).toEqual({
      missing: ['global/pg_control'],
      mayHoldData: ['base/13757 (a database initdb does not make)'],
    });
  });
});
