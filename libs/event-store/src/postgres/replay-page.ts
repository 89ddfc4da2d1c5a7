import { Query, type Pool, type PoolClient } from 'pg';
import type { Checkpoint } from '../port';
import type { ReplayedEvent, ReplayPageEnd } from '../replay/replay-reader';
import { decodePgCheckpoint, encodePgCheckpoint } from './checkpoint-codec';
import { translatePgError } from './pg-errors';
import { GLOBAL_ORDER_PAGE } from './row-mapping';

/** Integers as text: PostgreSQL writes them far faster than float8, and Number() reads them exactly. */
interface LeanRow {
  position: string;
  tenant: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  occurred_ms: string;
}

/**
 * The business time in whole milliseconds, as the command path's Date has it (pg's parser also
 * drops further digits). The float8 epoch of a truncated time is exact enough that the cast's
 * rounding gives back the integer.
 */
const LEAN_PAGE_SQL = `SELECT position, tenant, type, schema_version, data,
    (date_part('epoch', date_trunc('milliseconds', occurred_at)) * 1000)::int8 AS occurred_ms
  FROM kp_events WHERE ${GLOBAL_ORDER_PAGE}`;

/** The checkpoint of a page's last event, looked up once rather than sent with every row. */
const PAGE_END_SQL = `SELECT transaction_id::text AS transaction_id, floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms
  FROM kp_events WHERE position = $1`;

/**
 * readAll's page with only the columns a replay needs (no metadata, hashes or ids; times as
 * numbers), each row handed to `visit` as it arrives. Nothing holds the page: a replay's rows die
 * young, instead of surviving (and being copied by) the collections a whole page in memory would
 * see, and PostgreSQL sends the next rows while this process folds the last.
 */
export async function leanReplayEach(
  pool: Pool,
  after: Checkpoint | undefined,
  maxCount: number,
  visit: (event: ReplayedEvent) => void,
): Promise<ReplayPageEnd | undefined> {
  const from = decodePgCheckpoint(after);
  const client = await pool.connect().catch(translatePgError);
  // A connection that breaks while checked out emits 'error'; without a listener that would crash the process.
  const onError = () => undefined;
  client.on('error', onError);
  let broken: Error | undefined;
  const failedQuery = (error: Error) => {
    broken = error;
    return translatePgError(error);
  };
  try {
    const { lastPosition, visitFailed } = await visitPage(
      client,
      [from.transactionId, from.position, maxCount],
      visit,
    ).catch(failedQuery);
    if (visitFailed) throw visitFailed.error;
    if (lastPosition === undefined) return undefined;
    const {
      rows: [end],
    } = await client
      .query<{ transaction_id: string; recorded_ms: number }>(PAGE_END_SQL, [lastPosition])
      .catch(failedQuery);
    return {
      checkpoint: encodePgCheckpoint({ transactionId: end.transaction_id, position: lastPosition }),
      position: Number(lastPosition),
      recordedAt: new Date(end.recorded_ms),
    };
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/** Streams one page to `visit`; a visit that throws stops the visits, not the page (the connection stays in step). */
function visitPage(client: PoolClient, values: unknown[], visit: (event: ReplayedEvent) => void) {
  return new Promise<{ lastPosition?: string; visitFailed?: { error: unknown } }>((resolve, reject) => {
    let lastPosition: string | undefined;
    let visitFailed: { error: unknown } | undefined;
    const query = client.query(new Query<LeanRow>(LEAN_PAGE_SQL, values));
    query.on('row', (row: LeanRow) => {
      lastPosition = row.position;
      if (visitFailed) return;
      try {
        visit({
          tenant: row.tenant,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          occurredAt: new Date(Number(row.occurred_ms)),
          position: Number(row.position),
        });
      } catch (error) {
        visitFailed = { error };
      }
    });
    query.on('error', reject);
    query.on('end', () => resolve({ lastPosition, visitFailed }));
  });
}
