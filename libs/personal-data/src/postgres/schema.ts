import type { Pool } from 'pg';
import { withTransaction } from '@koproduktiv/platform';

/**
 * The tables of personal-data protection, created idempotently under their own advisory lock:
 * - kp_data_keys: one row per data key, wrapped by the key-encryption key; destroying a key
 *   overwrites `wrapped` with NULL (crypto-shredding);
 * - kp_access_log: every read of personal data in clear, append-only (a trigger refuses UPDATE and DELETE);
 * - kp_store_format: set once the store holds personal data only sealed. A store that has events and
 *   no mark was written before sealing existed (see store-format.ts).
 */
const DDL = `
  CREATE TABLE IF NOT EXISTS kp_data_keys (
    key_id        uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    subject_kind  text        NOT NULL,
    subject_id    text        NOT NULL,
    kek_id        text        NOT NULL,
    wrapped       bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    destroyed_at  timestamptz,
    CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
  );
  CREATE UNIQUE INDEX IF NOT EXISTS kp_data_keys_live ON kp_data_keys (tenant, subject_kind, subject_id) WHERE destroyed_at IS NULL;
  CREATE INDEX IF NOT EXISTS kp_data_keys_subject ON kp_data_keys (tenant, subject_kind, subject_id, created_at);

  CREATE TABLE IF NOT EXISTS kp_access_log (
    id          bigserial   PRIMARY KEY,
    tenant      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    role        text        NOT NULL,
    action      text        NOT NULL,
    target      text        NOT NULL,
    purpose     text,
    request_id  text
  );
  CREATE INDEX IF NOT EXISTS kp_access_log_tenant ON kp_access_log (tenant, id);
  CREATE OR REPLACE FUNCTION kp_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN RAISE EXCEPTION 'kp_access_log is append-only'; END
  $fn$;
  DROP TRIGGER IF EXISTS kp_access_log_append_only ON kp_access_log;
  CREATE TRIGGER kp_access_log_append_only BEFORE UPDATE OR DELETE ON kp_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION kp_access_log_append_only();

  CREATE TABLE IF NOT EXISTS kp_store_format (
    singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    personal_data  text        NOT NULL,
    since          timestamptz NOT NULL DEFAULT now()
  );

  CREATE TABLE IF NOT EXISTS kp_reseals (
    id              bigserial   PRIMARY KEY,
    tenant          text        NOT NULL,
    stream_id       text        NOT NULL,
    old_head_hash   text,
    new_head_hash   text,
    events_sealed   integer     NOT NULL,
    resealed_at     timestamptz NOT NULL DEFAULT now(),
    reason          text        NOT NULL
  );`;

/** Needs the event store's tables (migrate) first: a store without events is marked sealed from the start. */
export async function migratePersonalData(pool: Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('koproduktiv.personal-data'))`);
    await client.query(DDL);
    await client.query(`INSERT INTO kp_store_format (personal_data)
      SELECT 'sealed' WHERE NOT EXISTS (SELECT 1 FROM kp_events) ON CONFLICT DO NOTHING`);
  });
}
