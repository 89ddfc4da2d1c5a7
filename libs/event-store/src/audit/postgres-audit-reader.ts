import type { Pool } from 'pg';
import type { RecordedEvent } from '../port';
import { translatePgError } from '../postgres/pg-errors';
import { assertDataFieldName } from './data-field-name';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../postgres/row-mapping';
import type {
  AsOf,
  AuditReader,
  AuditScope,
  EventRange,
  StreamChunk,
  StreamHead,
  StreamReference,
} from './audit-reader';

const DEFAULT_PAGE = 2000;

interface HeadRow {
  tenant: string;
  stream_id: string;
  category: string;
  version: string;
  last_hash: string | null;
}

const toHead = (row: HeadRow): StreamHead => ({
  tenant: row.tenant,
  streamId: row.stream_id,
  category: row.category,
  version: Number(row.version),
  lastHash: row.last_hash,
});

/** Builds a WHERE clause with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: (next: () => string) => string, ...values: unknown[]): this {
    let index = 0;
    this.parts.push(sql(() => `$${this.params.length + ++index}`));
    this.params.push(...values);
    return this;
  }
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/**
 * The audit read side on PostgreSQL. Every iteration pages with keyset conditions on an index
 * (position; tenant and position; tenant, stream and version), so it never holds more than a page.
 */
export class PostgresAuditReader implements AuditReader {
  constructor(
    private readonly pool: Pool,
    private readonly pageSize = DEFAULT_PAGE,
  ) {}

  async findStreams(streamId: string): Promise<StreamHead[]> {
    const { rows } = await this.query<HeadRow>(
      'SELECT tenant, stream_id, category, version, last_hash FROM kp_streams WHERE stream_id = $1 ORDER BY tenant LIMIT 100',
      [streamId],
    );
    return rows.map(toHead);
  }

  async streamHead(tenant: string, streamId: string): Promise<StreamHead | undefined> {
    const { rows } = await this.query<HeadRow>(
      'SELECT tenant, stream_id, category, version, last_hash FROM kp_streams WHERE tenant = $1 AND stream_id = $2',
      [tenant, streamId],
    );
    return rows.length ? toHead(rows[0]) : undefined;
  }

  async readStreamPage(tenant: string, streamId: string, fromVersion: number, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM kp_events WHERE tenant = $1 AND stream_id = $2 AND version >= $3 ORDER BY version LIMIT $4`,
      [tenant, streamId, fromVersion, limit],
    );
    return rows.map(toRecordedEvent);
  }

  async *iterateStreamAsOf(tenant: string, streamId: string, asOf: AsOf): AsyncIterable<RecordedEvent> {
    const bound = 'recordedAt' in asOf ? 'recorded_at <= $3' : 'position <= $3';
    const limit = 'recordedAt' in asOf ? asOf.recordedAt : asOf.position;
    let after = 0;
    for (;;) {
      const { rows } = await this.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM kp_events WHERE tenant = $1 AND stream_id = $2 AND ${bound} AND version > $4
         ORDER BY version LIMIT $5`,
        [tenant, streamId, limit, after, this.pageSize],
      );
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < this.pageSize) return;
      after = Number(rows[rows.length - 1].version);
    }
  }

  async *iterateEvents(range: EventRange): AsyncIterable<RecordedEvent> {
    // One stream pages by version on its unique index; anything else by global position.
    const key = range.streamId ? 'version' : 'position';
    let after = 0;
    for (;;) {
      const where = this.rangeWhere(range).add((p) => `${key} > ${p()}`, after);
      const { rows } = await this.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM kp_events ${where.sql} ORDER BY ${key} LIMIT ${where.param(this.pageSize)}`,
        where.params,
      );
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < this.pageSize) return;
      after = Number(rows[rows.length - 1][key]);
    }
  }

  async countEvents(range: EventRange): Promise<number> {
    const where = this.rangeWhere(range);
    const { rows } = await this.query<{ count: string }>(
      `SELECT count(*) AS count FROM kp_events ${where.sql}`,
      where.params,
    );
    return Number(rows[0].count);
  }

  async *iterateStreamChunks(scope: AuditScope): AsyncIterable<StreamChunk> {
    // One ordered pass over (tenant, stream_id, version) - the unique index - with each row's stream
    // head joined in. Consecutive rows of one stream form its chunks; a page may end mid-stream.
    let cursor: { tenant: string; streamId: string; version: number } | undefined;
    let pending:
      { tenant: string; streamId: string; head: StreamHead | undefined; events: RecordedEvent[] } | undefined;
    for (;;) {
      const where = new Where();
      if (scope.tenant !== undefined) where.add((p) => `e.tenant = ${p()}`, scope.tenant);
      if (scope.streamId !== undefined) where.add((p) => `e.stream_id = ${p()}`, scope.streamId);
      if (cursor)
        where.add(
          (p) => `(e.tenant, e.stream_id, e.version) > (${p()}, ${p()}, ${p()})`,
          cursor.tenant,
          cursor.streamId,
          cursor.version,
        );
      const { rows } = await this.query<
        EventRow & { head_category: string | null; head_version: string | null; head_last_hash: string | null }
      >(
        `SELECT ${EVENT_COLUMNS.replace(/(\w+)/g, 'e.$1')}, s.category AS head_category, s.version AS head_version, s.last_hash AS head_last_hash
         FROM kp_events e LEFT JOIN kp_streams s ON s.tenant = e.tenant AND s.stream_id = e.stream_id
         ${where.sql} ORDER BY e.tenant, e.stream_id, e.version LIMIT ${where.param(this.pageSize)}`,
        where.params,
      );
      for (const row of rows) {
        if (pending && (pending.tenant !== row.tenant || pending.streamId !== row.stream_id)) {
          yield { ...pending, last: true };
          pending = undefined;
        }
        if (!pending) {
          const head =
            row.head_version === null
              ? undefined
              : toHead({
                  tenant: row.tenant,
                  stream_id: row.stream_id,
                  category: row.head_category ?? '',
                  version: row.head_version,
                  last_hash: row.head_last_hash,
                });
          pending = { tenant: row.tenant, streamId: row.stream_id, head, events: [] };
        }
        pending.events.push(toRecordedEvent(row));
      }
      if (rows.length < this.pageSize) {
        if (pending) yield { ...pending, last: true };
        return;
      }
      const last = rows[rows.length - 1];
      cursor = { tenant: last.tenant, streamId: last.stream_id, version: Number(last.version) };
      if (pending && pending.events.length >= this.pageSize) {
        yield { ...pending, last: false };
        pending = { ...pending, events: [] };
      }
    }
  }

  async *iterateStreamsWithoutEvents(scope: AuditScope): AsyncIterable<StreamHead> {
    let cursor: { tenant: string; streamId: string } | undefined;
    for (;;) {
      const where = new Where().add(() => 's.version > 0');
      where.add(() => 'NOT EXISTS (SELECT 1 FROM kp_events e WHERE e.tenant = s.tenant AND e.stream_id = s.stream_id)');
      if (scope.tenant !== undefined) where.add((p) => `s.tenant = ${p()}`, scope.tenant);
      if (scope.streamId !== undefined) where.add((p) => `s.stream_id = ${p()}`, scope.streamId);
      if (cursor) where.add((p) => `(s.tenant, s.stream_id) > (${p()}, ${p()})`, cursor.tenant, cursor.streamId);
      const { rows } = await this.query<HeadRow>(
        `SELECT s.tenant, s.stream_id, s.category, s.version, s.last_hash FROM kp_streams s ${where.sql}
         ORDER BY s.tenant, s.stream_id LIMIT ${where.param(this.pageSize)}`,
        where.params,
      );
      for (const row of rows) yield toHead(row);
      if (rows.length < this.pageSize) return;
      cursor = { tenant: rows[rows.length - 1].tenant, streamId: rows[rows.length - 1].stream_id };
    }
  }

  async eventsReferencing(
    tenant: string,
    { streamId, id, field, categories }: StreamReference,
    afterPosition: number,
    limit: number,
  ): Promise<RecordedEvent[]> {
    // The field is part of the SQL text (checked: letters and digits), so an expression index on
    // data->>'<field>' (migrate's referenceFields) serves it; the category is the store's, the
    // stream id's prefix. Two index scans, merged by position.
    assertDataFieldName(field);
    const { rows } = await this.query<EventRow>(
      `SELECT * FROM (
         (SELECT ${EVENT_COLUMNS} FROM kp_events
          WHERE tenant = $1 AND stream_id = $2 AND position > $4 ORDER BY position LIMIT $5)
         UNION ALL
         (SELECT ${EVENT_COLUMNS} FROM kp_events
          WHERE tenant = $1 AND (data->>'${field}') = $3 AND split_part(stream_id, '-', 1) = ANY($6)
            AND stream_id <> $2 AND position > $4 ORDER BY position LIMIT $5)
       ) referencing ORDER BY position LIMIT $5`,
      [tenant, streamId, id, afterPosition, limit, categories],
    );
    return rows.map(toRecordedEvent);
  }

  private rangeWhere(range: EventRange): Where {
    const where = new Where();
    if (range.tenant !== undefined) where.add((p) => `tenant = ${p()}`, range.tenant);
    if (range.streamId !== undefined) where.add((p) => `stream_id = ${p()}`, range.streamId);
    if (range.from !== undefined) where.add((p) => `recorded_at >= ${p()}`, range.from);
    if (range.to !== undefined) where.add((p) => `recorded_at < ${p()}`, range.to);
    return where;
  }

  private query<R extends object>(sql: string, params: unknown[]) {
    return this.pool.query<R & import('pg').QueryResultRow>(sql, params).catch(translatePgError);
  }
}
