import type { Pool, PoolClient } from 'pg';
import { assertDataFieldName } from '../audit/data-field-name';

/** Ordered, append-only list of schema changes. Never edit an entry that has shipped; add a new one. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'event store',
    sql: `
      CREATE TABLE kp_streams (
        tenant     text   NOT NULL,
        stream_id  text   NOT NULL,
        category   text   NOT NULL,
        version    bigint NOT NULL,
        last_hash  text,
        PRIMARY KEY (tenant, stream_id)
      );
      CREATE TABLE kp_events (
        position        bigserial   PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        tenant          text        NOT NULL,
        stream_id       text        NOT NULL,
        version         bigint      NOT NULL,
        event_id        uuid        NOT NULL UNIQUE,
        type            text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL,
        prev_hash       text,
        hash            text        NOT NULL,
        UNIQUE (tenant, stream_id, version)
      );
      CREATE INDEX kp_events_global_order ON kp_events (transaction_id, position);`,
    // Until 2026-12 this migration also created kp_idempotency_keys; libs/platform owns that table
    // now (ensureIdempotencyTable, CREATE … IF NOT EXISTS), so installations that have it keep it.
  },
  {
    version: 2,
    name: 'audit read side',
    // A tenant's events in global order (audit export and verification over HTTP). Until 2026-12
    // this migration also indexed data->>'caseId'; the indexes of reference fields are the caller's
    // now (MigrateOptions.referenceFields), and an installation's existing one serves as it is.
    sql: `
      CREATE INDEX IF NOT EXISTS kp_events_tenant_position ON kp_events (tenant, position);`,
  },
  {
    version: 3,
    name: 'append at a known tip in one round trip',
    // The append of PostgresEventStore when the writer knows the stream's tip (version and hash,
    // from the read it decided on): lock, check, insert and move the tip in one statement.
    sql: `
      CREATE FUNCTION kp_append_at(p_tenant text, p_stream_id text, p_category text, p_version bigint, p_hash text,
          p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb[],
          p_occurred_at timestamptz[], p_recorded_at timestamptz, p_hashes text[])
        RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
      DECLARE
        v_version bigint;
        v_hash text;
        v_count int := cardinality(p_event_ids);
      BEGIN
        IF p_version = 0 THEN
          INSERT INTO kp_streams (tenant, stream_id, category, version) VALUES (p_tenant, p_stream_id, p_category, 0) ON CONFLICT DO NOTHING;
        END IF;
        SELECT version, last_hash INTO v_version, v_hash FROM kp_streams WHERE tenant = p_tenant AND stream_id = p_stream_id FOR UPDATE;
        IF coalesce(v_version, 0) <> p_version OR v_hash IS DISTINCT FROM p_hash THEN
          RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, coalesce(v_version, 0), p_version
            USING ERRCODE = 'KP409', DETAIL = coalesce(v_version, 0)::text;
        END IF;
        UPDATE kp_streams SET version = p_version + v_count, last_hash = p_hashes[v_count] WHERE tenant = p_tenant AND stream_id = p_stream_id;
        RETURN QUERY
          INSERT INTO kp_events (tenant, stream_id, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
          SELECT p_tenant, p_stream_id, p_version + n, e, t, s, d, m, o, p_recorded_at, CASE WHEN n = 1 THEN p_hash ELSE p_hashes[n - 1] END, h
          FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred_at, p_hashes) WITH ORDINALITY AS x(e, t, s, d, m, o, h, n)
          ORDER BY n
          RETURNING position;
      END
      $fn$;`,
  },
  {
    version: 4,
    name: 'appends to several streams in one statement',
    // The appends that concurrent commands send while earlier ones are in flight, as one transaction
    // (one commit for all). Each stream is checked like kp_append_at; one that moved is reported
    // (o_position NULL, o_version its version) and skipped, the others are appended. Streams are
    // locked in (tenant, stream_id) order, so two batches never wait for each other in a cycle. A
    // stream locked elsewhere for more than two seconds fails the batch (55P03), whose appends are
    // then sent one by one: one held stream must not hold up the commands to all the others.
    sql: `
      CREATE FUNCTION kp_append_batch(p_appends json)
        RETURNS TABLE (o_entry int, o_position bigint, o_version bigint) LANGUAGE plpgsql AS $fn$
      DECLARE
        a record;
        v_version bigint;
        v_hash text;
      BEGIN
        PERFORM set_config('lock_timeout', '2s', true);
        FOR a IN
          SELECT * FROM json_to_recordset(p_appends)
            AS x(entry int, tenant text, stream_id text, category text, version bigint, hash text, last_version bigint, last_hash text, events json)
          ORDER BY x.tenant, x.stream_id, x.entry
        LOOP
          IF a.version = 0 THEN
            INSERT INTO kp_streams (tenant, stream_id, category, version) VALUES (a.tenant, a.stream_id, a.category, 0) ON CONFLICT DO NOTHING;
          END IF;
          SELECT s.version, s.last_hash INTO v_version, v_hash FROM kp_streams s WHERE s.tenant = a.tenant AND s.stream_id = a.stream_id FOR UPDATE;
          IF coalesce(v_version, 0) <> a.version OR v_hash IS DISTINCT FROM a.hash THEN
            o_entry := a.entry; o_position := NULL; o_version := coalesce(v_version, 0);
            RETURN NEXT;
            CONTINUE;
          END IF;
          UPDATE kp_streams s SET version = a.last_version, last_hash = a.last_hash WHERE s.tenant = a.tenant AND s.stream_id = a.stream_id;
          RETURN QUERY
            INSERT INTO kp_events AS k (tenant, stream_id, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
            SELECT a.tenant, a.stream_id, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.occurred_at, e.recorded_at, e.prev_hash, e.hash
            FROM json_to_recordset(a.events) AS e(version bigint, event_id uuid, type text, schema_version int, data jsonb, metadata jsonb,
                                                  occurred_at timestamptz, recorded_at timestamptz, prev_hash text, hash text)
            ORDER BY e.version
            RETURNING a.entry, k.position, k.version;
        END LOOP;
      END
      $fn$;`,
  },
];

export interface MigrateOptions {
  /**
   * Data fields by which events name a stream of another category (the domain catalogue's
   * references, e.g. a fund's decisions naming their case as `caseId`): each gets an index, so that
   * `eventsReferencing` reads only the events that name the id.
   */
  readonly referenceFields?: readonly string[];
}

/** Serialised by an advisory lock, so instances starting together migrate once. */
export async function migrate(pool: Pool, { referenceFields = [] }: MigrateOptions = {}): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('koproduktiv.migrations'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS kp_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM kp_schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter((m) => !applied.has(m.version))) {
      await client.query(migration.sql);
      await client.query('INSERT INTO kp_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    for (const field of referenceFields) await indexReferenceField(client, field);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** An index on (tenant, data->>field, position), unless one over the same columns exists under any name. */
async function indexReferenceField(client: PoolClient, field: string): Promise<void> {
  assertDataFieldName(field);
  const columns = `(tenant, ((data ->> '${field}'::text)), "position")`;
  const { rowCount } = await client.query(
    `SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'kp_events' AND indexdef LIKE $1`,
    [`%USING btree ${columns}`],
  );
  if (rowCount) return;
  await client.query(
    `CREATE INDEX kp_events_ref_${field.toLowerCase()} ON kp_events (tenant, (data->>'${field}'), position)`,
  );
}
