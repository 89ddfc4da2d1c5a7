import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cluster directory with PG_VERSION that initdb did not finish: what it lacks, and anything in it
 * that might be data (then it is never removed).
 */
export interface UnfinishedCluster {
  /** What every finished initdb leaves and this directory lacks. */
  readonly missing: readonly string[];
  /** Signs that it may hold data: a server ran on it, a database or tablespace initdb does not make. */
  readonly mayHoldData: readonly string[];
}

/** The databases initdb makes, with the fixed OIDs they have had since PostgreSQL 15: template1, template0, postgres. */
const INITDB_DATABASES = ['1', '4', '5'];

/**
 * Whether `clusterDir` holds a cluster initdb began (PG_VERSION is written first) but did not finish:
 * no global/pg_control (written by the bootstrap), or no template0 and postgres databases (made last).
 * undefined for no cluster at all and for a finished one.
 */
export function unfinishedCluster(clusterDir: string): UnfinishedCluster | undefined {
  const version = Number.parseInt(readOr(join(clusterDir, 'PG_VERSION'), ''), 10);
  if (Number.isNaN(version)) return undefined;
  const expected = ['global/pg_control', ...(version >= 15 ? ['base/4', 'base/5'] : [])];
  const missing = expected.filter((path) => !existsSync(join(clusterDir, path)));
  if (!missing.length) return undefined;
  const mayHoldData = [
    // The postmaster writes postmaster.opts at every start; initdb's bootstrap and single-user runs do not.
    ...(existsSync(join(clusterDir, 'postmaster.opts')) ? ['postmaster.opts (a server has run on it)'] : []),
    ...entries(join(clusterDir, 'base'))
      .filter((name) => !INITDB_DATABASES.includes(name))
      .map((name) => `base/${name} (a database initdb does not make)`),
    ...entries(join(clusterDir, 'pg_tblspc')).map((name) => `pg_tblspc/${name} (a tablespace)`),
  ];
  return { missing, mayHoldData };
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
