import type { Pool, PoolClient } from 'pg';
import {
  AppendResult,
  Checkpoint,
  WrongExpectedVersionError,
  assertExpectedVersion,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  NO_STREAM_VERSION,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  streamCategory,
} from '../port';
import { sealEvents, SealedEvent, StreamTip } from '../hash-chain';
import type { AuditReadable, AuditReader } from '../audit/audit-reader';
import { PostgresAuditReader } from '../audit/postgres-audit-reader';
import { TipCache } from './tip-cache';
import { decodePgCheckpoint } from './checkpoint-codec';
import { refusedStatement, translatePgError } from './pg-errors';
import { EVENT_COLUMNS, EventRow, GLOBAL_ORDER_PAGE, toGlobalEvent, toRecordedEvent } from './row-mapping';
import { leanReplayEach } from './replay-page';
import { CallGrouper, GroupRun } from './call-grouper';
import { appendManyAtTips, appendOneAtTip, TipAppend, TipAppendOutcome } from './tip-appends';
import type { ReplayedEvent, ReplayPageEnd, ReplayReadable } from '../replay/replay-reader';

/**
 * Appends at a known tip in flight at once; more wait and go out together when one returns. Two
 * keep PostgreSQL busy while the next group gathers; on a busy server, fewer commits go further.
 */
const APPEND_GROUPS_IN_FLIGHT = 2;
const MAX_APPEND_GROUP = 64;
const NEW_STREAM_TIP: StreamTip = { version: NO_STREAM_VERSION, lastHash: null };

/**
 * Events in PostgreSQL. The command path's statements (read a stream, append at its tip) are named,
 * so each pooled connection parses and plans them once. Appends lock the stream's row, so writers to one stream queue up and
 * writers to different streams do not meet. Readers of the global order only look below the oldest
 * transaction still running, so an append that commits late is never overtaken (see readAll).
 */
export class PostgresEventStore implements EventStore, AuditReadable, ReplayReadable {
  private readonly tips = new TipCache();
  private readonly tipAppends = new CallGrouper(
    (appends: readonly TipAppend[]) => this.appendGroup(appends),
    APPEND_GROUPS_IN_FLIGHT,
    MAX_APPEND_GROUP,
  );

  /** The pool is public so that readers of the same tables can share it. */
  constructor(readonly pool: Pool) {}

  /** The audit read side: SQL over the same tables and pool, the stream table included (what verification compares heads with). */
  auditReader(): AuditReader {
    return new PostgresAuditReader(this.pool);
  }

  /** The global order for replays (ReplayReadable): readAll's page with only the columns a replay needs, streamed. */
  replayEach(
    after: Checkpoint | undefined,
    maxCount: number,
    visit: (event: ReplayedEvent) => void,
  ): Promise<ReplayPageEnd | undefined> {
    return leanReplayEach(this.pool, after, maxCount, visit);
  }

  async append(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const tip = this.knownTip(tenant, streamId, expected);
    const result =
      tip && events.length > 0
        ? await this.appendAtKnownTip(tenant, streamId, events, tip, expected)
        : await this.appendInOwnTransaction(tenant, streamId, events, expected);
    const last = result.events[result.events.length - 1];
    if (last) this.tips.set(tenant, streamId, { version: last.version, lastHash: last.hash });
    return result;
  }

  /** The tip an append expects, when it is known: a new stream's, or the cached one at the expected version. */
  private knownTip(tenant: string, streamId: string, expected: ExpectedVersion): StreamTip | undefined {
    if (expected === 'no_stream' || expected === NO_STREAM_VERSION) return NEW_STREAM_TIP;
    const tip = typeof expected === 'number' ? this.tips.get(tenant, streamId) : undefined;
    return tip?.version === expected ? tip : undefined;
  }

  /**
   * One statement: the database locks the stream, checks the tip the writer decided on, appends.
   * Appends that meet in time go out together in one statement and commit (see CallGrouper).
   */
  private async appendAtKnownTip(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    tip: StreamTip,
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const sealed = sealEvents(tenant, streamId, tip, events, new Date());
    const outcome: TipAppendOutcome = await this.tipAppends
      .submit({ tenant, streamId, tip, sealed })
      .catch((error: unknown) => ({ error }));
    if (!('positions' in outcome)) {
      this.tips.forget(tenant, streamId);
      if ('actual' in outcome) throw new WrongExpectedVersionError(streamId, expected, outcome.actual);
      return translatePgError(outcome.error);
    }
    const recorded = sealed.map((event, index) => ({ ...event, position: outcome.positions[index] }));
    const last = recorded[recorded.length - 1];
    return { streamId, version: last.version, position: last.position, events: recorded };
  }

  /**
   * A group is one statement. If the server refuses it (one append's failure fails them all, or a
   * stream stayed locked elsewhere for two seconds), each append is sent alone, so only its own
   * caller sees its failure or waits for its lock; the group's slot is free again by then. Not when
   * the connection failed: the statement may have committed.
   */
  private appendGroup(appends: readonly TipAppend[]): GroupRun<TipAppendOutcome> {
    if (appends.length === 1) {
      const alone = appendOneAtTip(this.pool, appends[0]);
      return { slot: alone, outcomes: [alone] };
    }
    const together = appendManyAtTips(this.pool, appends).catch((error: unknown) => {
      if (refusedStatement(error)) return undefined;
      throw error;
    });
    return {
      slot: together,
      outcomes: appends.map((append, i) =>
        together.then((outcomes) => outcomes?.[i] ?? appendOneAtTip(this.pool, append)),
      ),
    };
  }

  private async appendInOwnTransaction(
    tenant: string,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const client = await this.pool.connect().catch(translatePgError);
    try {
      await client.query('BEGIN');
      const result = await appendInTransaction(client, tenant, streamId, events, expected);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.tips.forget(tenant, streamId);
      return translatePgError(error);
    } finally {
      client.release();
    }
  }

  async readStream(tenant: string, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
    const { rows } = await this.pool
      .query<EventRow>({
        name: backwards ? 'kp_read_stream_backwards' : 'kp_read_stream_forwards',
        text: `SELECT ${EVENT_COLUMNS} FROM kp_events
         WHERE tenant = $1 AND stream_id = $2 AND version ${backwards ? '<=' : '>='} $3
         ORDER BY version ${backwards ? 'DESC' : 'ASC'} LIMIT $4`,
        values: [tenant, streamId, from, options.maxCount ?? null],
      })
      .catch(translatePgError);
    const events = rows.map(toRecordedEvent);
    // A read forwards to the stream's end ends at its tip: remember it for the append that usually follows.
    const last = events[events.length - 1];
    if (!backwards && options.maxCount === undefined && last)
      this.tips.set(tenant, streamId, { version: last.version, lastHash: last.hash });
    return events;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<ReadAllResult> {
    const from = decodePgCheckpoint(after);
    const { rows } = await this.pool
      .query<EventRow & { transaction_id: string }>(
        `SELECT ${EVENT_COLUMNS}, transaction_id::text AS transaction_id FROM kp_events WHERE ${GLOBAL_ORDER_PAGE}`,
        [from.transactionId, from.position, maxCount],
      )
      .catch(translatePgError);
    const events = rows.map(toGlobalEvent);
    return { events, checkpoint: events.at(-1)?.checkpoint ?? after };
  }

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    const { rows } = await this.pool
      .query<{ version: string }>('SELECT version FROM kp_streams WHERE tenant = $1 AND stream_id = $2', [
        tenant,
        streamId,
      ])
      .catch(translatePgError);
    return rows.length ? Number(rows[0].version) : NO_STREAM_VERSION;
  }

  async close(): Promise<void> {}
}

/** The append itself, inside a transaction the caller opened (and commits). */
export async function appendInTransaction(
  client: PoolClient,
  tenant: string,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const tip = await lockStreamTip(client, tenant, streamId, expected);
  assertExpectedVersion(streamId, expected, tip.version);
  if (events.length === 0) return { streamId, version: tip.version, position: 0, events: [] };
  const sealed = sealEvents(tenant, streamId, tip, events, new Date());
  const positions = await insertEvents(client, tenant, streamId, sealed);
  const recorded = sealed.map((event, index) => ({ ...event, position: positions[index] }));
  const last = recorded[recorded.length - 1];
  return { streamId, version: last.version, position: last.position, events: recorded };
}

async function lockStreamTip(
  client: PoolClient,
  tenant: string,
  streamId: string,
  expected: ExpectedVersion,
): Promise<StreamTip> {
  const select = `SELECT version, last_hash FROM kp_streams WHERE tenant = $1 AND stream_id = $2 FOR UPDATE`;
  let { rows } = await client.query<{ version: string; last_hash: string | null }>(select, [tenant, streamId]);
  const mayCreate = expected === 'any' || expected === 'no_stream' || expected === NO_STREAM_VERSION;
  if (rows.length === 0 && mayCreate) {
    await client.query(
      `INSERT INTO kp_streams (tenant, stream_id, category, version) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
      [tenant, streamId, streamCategory(streamId)],
    );
    ({ rows } = await client.query(select, [tenant, streamId]));
  }
  return rows.length
    ? { version: Number(rows[0].version), lastHash: rows[0].last_hash }
    : { version: NO_STREAM_VERSION, lastHash: null };
}

async function insertEvents(
  client: PoolClient,
  tenant: string,
  streamId: string,
  sealed: readonly SealedEvent[],
): Promise<number[]> {
  const last = sealed[sealed.length - 1];
  const column = <T>(pick: (event: SealedEvent) => T) => sealed.map(pick);
  const { rows } = await client.query<{ position: string }>(
    `WITH inserted AS (
       INSERT INTO kp_events (tenant, stream_id, version, event_id, type, schema_version, data, metadata,
                              occurred_at, recorded_at, prev_hash, hash)
       SELECT $1, $2, v, e, t, s, d, m, o, $10, p, h
       FROM unnest($3::bigint[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[],
                   $11::text[], $12::text[]) WITH ORDINALITY AS x(v, e, t, s, d, m, o, p, h, n)
       ORDER BY n
       RETURNING position, version
     ), tip AS (
       UPDATE kp_streams SET version = $13, last_hash = $14 WHERE tenant = $1 AND stream_id = $2
     )
     SELECT position FROM inserted ORDER BY version`,
    [
      tenant,
      streamId,
      column((e) => e.version),
      column((e) => e.eventId),
      column((e) => e.type),
      column((e) => e.schemaVersion),
      column((e) => JSON.stringify(e.data)),
      column((e) => JSON.stringify(e.metadata)),
      column((e) => e.occurredAt.toISOString()),
      last.recordedAt,
      column((e) => e.prevHash),
      column((e) => e.hash),
      last.version,
      last.hash,
    ],
  );
  return rows.map((row) => Number(row.position));
}
