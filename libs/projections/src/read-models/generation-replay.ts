import type { Pool, PoolClient } from 'pg';
import { EventStore, ReplayedEvent, replayReader, ReplayPageEnd } from '@koproduktiv/event-store';
import { saveCheckpoint } from '@koproduktiv/subscriptions';
import { copyIn } from './copy-in';
import { CopyLanes } from './copy-lanes';
import {
  CASE_STATE_COLUMNS,
  FUND_EVENT_COPY_COLUMNS,
  HISTORY_ENTRY_COLUMNS,
  HISTORY_LISTS,
  RebuildFold,
  REGISTRY_COLUMNS,
  STAFF_TIME_COPY_COLUMNS,
} from './rebuild-fold';
import { CASE_COLUMNS, readModelsProcessorName } from './read-model-rows';
import { saveTenantPositions } from './read-model-projection';
import { DetailTable, rebuildTableName, ReadModelTable, tableName } from './schema';

const staging = (generation: number) => ({
  history: rebuildTableName('rm_rebuild_history', generation),
  cases: rebuildTableName('rm_rebuild_cases', generation),
});

function stagingDdl(generation: number): string {
  const { history, cases } = staging(generation);
  const caseColumns = Object.entries(CASE_COLUMNS)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
  return `DROP TABLE IF EXISTS ${history}, ${cases};
    CREATE UNLOGGED TABLE ${history} (no integer NOT NULL, seq bigint NOT NULL, list smallint NOT NULL, entry text NOT NULL);
    CREATE UNLOGGED TABLE ${cases} (no integer NOT NULL, tenant text NOT NULL, id text NOT NULL, ${caseColumns}, doc text NOT NULL, submitted text, position bigint NOT NULL);`;
}

/**
 * The rows of the cases numbered `part` modulo `parts`, each with its history put together in SQL
 * from the staged entries: every list in folding order, as the live projection appends them, and
 * the submission as the fold chose it.
 */
function insertCasesSql(generation: number, part: number, parts: number): string {
  const { history, cases } = staging(generation);
  const columns = ['tenant', 'id', ...Object.keys(CASE_COLUMNS)];
  const lists = HISTORY_LISTS.map(
    (list, index) => `string_agg(entry, ',' ORDER BY seq) FILTER (WHERE list = ${index}) AS "${list}"`,
  ).join(',\n      ');
  // One concat() (which reads a missing list as empty) copies each history once; a chain of || copied it once per list.
  const json = HISTORY_LISTS.map((list) => `',"${list}":[', h."${list}", ']'`).join(', ');
  return `INSERT INTO ${tableName('rm_cases', generation)} (${columns.join(', ')}, doc, history, position)
    SELECT ${columns.map((column) => `c.${column}`).join(', ')}, c.doc::jsonb,
      concat('{"v":1,"caseId":', to_json(c.id)::text, ',"submitted":', coalesce(c.submitted, 'null'), ${json}, '}')::json,
      c.position
    FROM ${cases} c LEFT JOIN (
      SELECT no, ${lists}
      FROM ${history} WHERE no % ${parts} = ${part} GROUP BY no) h USING (no)
    WHERE c.no % ${parts} = ${part}`;
}

/**
 * A connection for a second COPY lane, if the pool can spare it: during the replay a rebuild also
 * holds the cluster-wide lock's connection, its own, and the reader's.
 */
async function secondLane(pool: Pool): Promise<PoolClient | undefined> {
  return (pool.options.max ?? 10) >= 5 ? pool.connect() : undefined;
}

/** The histories are put together in this many statements at once, each on a connection of its own. */
const FINISH_PARTS = 2;

/**
 * Replays the whole store into the fresh (empty) tables of `generation` in one pass: each event is
 * folded as it arrives (PostgreSQL sends the next while this one is folded), history entries and
 * staff-time rows leave by COPY (on two connections where the pool allows) while the fold goes on, and at the end one transaction writes every document, puts the histories together
 * and saves the generation's checkpoint. A crash before that leaves an incomplete generation that
 * was never swapped in (the next rebuild starts it afresh). Returns the number of events read.
 */
export async function replayIntoGeneration(
  store: EventStore,
  pool: Pool,
  generation: number,
  batchSize: number,
): Promise<number> {
  const client = await pool.connect();
  const second = await secondLane(pool).catch((error: unknown) => {
    client.release();
    throw error;
  });
  const lanes = new CopyLanes(second ? [client, second] : [client]);
  try {
    await client.query(stagingDdl(generation));
    const fold = new RebuildFold();
    const read = replayReader(store);
    let events = 0;
    // Global order follows commit order, in which positions may step back: each tenant's highest counts.
    const tenantPositions = new Map<string, number>();
    const add = (event: ReplayedEvent) => {
      events += 1;
      if (event.position > (tenantPositions.get(event.tenant) ?? -1)) tenantPositions.set(event.tenant, event.position);
      fold.add(event);
    };
    let end: ReplayPageEnd | undefined;
    for (;;) {
      const pageEnd = await read(end?.checkpoint, batchSize, add);
      if (!pageEnd) break;
      end = pageEnd;
      const lines = fold.takeLines();
      await lanes.write([
        { table: staging(generation).history, columns: HISTORY_ENTRY_COLUMNS, lines: lines.history },
        {
          table: tableName('rm_unit_staff_time', generation),
          columns: STAFF_TIME_COPY_COLUMNS,
          lines: lines.staffTime,
        },
        { table: tableName('rm_fund_events', generation), columns: FUND_EVENT_COPY_COLUMNS, lines: lines.fundEvents },
      ]);
    }
    await lanes.drained();
    await finish(pool, client, generation, fold, tenantPositions, end);
    return events;
  } finally {
    await lanes.settled();
    second?.release();
    await client.query(`DROP TABLE IF EXISTS ${Object.values(staging(generation)).join(', ')}`).catch(() => undefined);
    client.release();
  }
}

/**
 * Writes what the fold holds: the cases (with their histories, in parts at once), then initiatives,
 * units, funds and the checkpoint in one transaction. The generation is
 * complete, and the checkpoint there, only when that commits.
 */
async function finish(
  pool: Pool,
  client: PoolClient,
  generation: number,
  fold: RebuildFold,
  tenantPositions: ReadonlyMap<string, number>,
  end: ReplayPageEnd | undefined,
): Promise<void> {
  const t = (table: ReadModelTable | DetailTable) => tableName(table, generation);
  for (const lines of fold.caseLines(1000)) await copyIn(client, staging(generation).cases, CASE_STATE_COLUMNS, lines);
  await Promise.all(
    Array.from({ length: FINISH_PARTS }, async (_, part) => {
      const partClient = await pool.connect();
      try {
        await inTransaction(partClient, async () => {
          // A sort in memory rather than on disk, for the entries of one part. The staging tables have
          // no statistics, and the planner took the histories for the small side of the join: it
          // hashed all of them (150 MB at 1M events) before writing the first row. Merged, they stream.
          await partClient.query(
            `SET LOCAL work_mem = '128MB'; SET LOCAL enable_hashjoin = off; SET LOCAL enable_nestloop = off`,
          );
          await partClient.query(insertCasesSql(generation, part, FINISH_PARTS));
        });
      } finally {
        partClient.release();
      }
    }),
  );
  await inTransaction(client, async () => {
    for (const table of ['rm_initiatives', 'rm_units', 'rm_funds'] as const)
      await copyIn(client, t(table), REGISTRY_COLUMNS, fold.registryLines(table));
    await saveTenantPositions(client, t('rm_tenant_positions'), tenantPositions);
    if (end)
      await saveCheckpoint(client, readModelsProcessorName(generation), end.checkpoint, end.position, end.recordedAt);
  });
}

async function inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
