import type { Pool } from 'pg';
import { withTransaction } from '../database/transaction';

export type ClaimOutcome = 'claimed' | 'same_request' | 'different_request';

/** What became of one request's Idempotency-Key, and what to tell the store once its command is decided. */
export interface Claim {
  readonly outcome: ClaimOutcome;
  /** The command was refused (4xx): a key this request claimed is let go, so it may be used again. */
  refused(): Promise<void>;
  /** The command was accepted: its key is kept (again, if a refused duplicate let it go meanwhile). */
  accepted(): Promise<void>;
}

/**
 * Remembers which request an Idempotency-Key was first used for. The response itself is not stored:
 * the events a key produced carry it in their metadata, so a retry rebuilds the first response from
 * the stream — which stays right even if the process died between append and answer. Only keys of
 * accepted commands are kept: the key of a refused one is let go, so a client may send a corrected
 * request under the same key.
 */
export interface IdempotencyStore {
  claim(tenant: string, key: string, requestHash: string, streamId: string): Promise<Claim>;
}

const settled = async () => undefined;

/** The table of claimed keys. The platform owns it; every process that claims keys creates it first. */
export const IDEMPOTENCY_DDL = `CREATE TABLE IF NOT EXISTS kp_idempotency_keys (
  tenant        text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  stream_id     text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, key)
)`;

/** Creates the table of PostgresIdempotencyStore if it is missing (idempotent; concurrent callers serialise on a lock). */
export async function ensureIdempotencyTable(pool: Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('koproduktiv.idempotency-ddl'))`);
    await client.query(IDEMPOTENCY_DDL);
  });
}

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async claim(tenant: string, key: string, requestHash: string, streamId: string): Promise<Claim> {
    const { rows } = await this.pool.query<{ request_hash: string; inserted: boolean; claimed_at: string }>(
      `WITH ins AS (
         INSERT INTO kp_idempotency_keys (tenant, key, request_hash, stream_id, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())
         ON CONFLICT DO NOTHING RETURNING request_hash, created_at
       )
       SELECT request_hash, true AS inserted, created_at::text AS claimed_at FROM ins
       UNION ALL
       SELECT request_hash, false, created_at::text FROM kp_idempotency_keys WHERE tenant = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [tenant, key, requestHash, streamId],
    );
    const row = rows[0];
    if (!row) return this.claim(tenant, key, requestHash, streamId); // the other claimer let it go meanwhile
    if (row.inserted) {
      return {
        outcome: 'claimed',
        // Only the row this request inserted: a duplicate that was accepted meanwhile has renewed it.
        refused: async () =>
          void (await this.pool.query(
            'DELETE FROM kp_idempotency_keys WHERE tenant = $1 AND key = $2 AND request_hash = $3 AND created_at = $4::timestamptz',
            [tenant, key, requestHash, row.claimed_at],
          )),
        accepted: settled,
      };
    }
    if (row.request_hash !== requestHash) return { outcome: 'different_request', refused: settled, accepted: settled };
    return {
      outcome: 'same_request',
      refused: settled, // the key is the first request's, which may still be under way
      // The first request may have been refused and let the key go while this one succeeded.
      accepted: async () =>
        void (await this.pool.query(
          `INSERT INTO kp_idempotency_keys (tenant, key, request_hash, stream_id, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())
         ON CONFLICT (tenant, key) DO UPDATE SET created_at = clock_timestamp() WHERE kp_idempotency_keys.request_hash = EXCLUDED.request_hash`,
          [tenant, key, requestHash, streamId],
        )),
    };
  }
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly claims = new Map<string, string>();

  async claim(tenant: string, key: string, requestHash: string): Promise<Claim> {
    const id = `${tenant}\u0000${key}`;
    const existing = this.claims.get(id);
    if (existing === undefined) {
      this.claims.set(id, requestHash);
      return { outcome: 'claimed', refused: async () => void this.claims.delete(id), accepted: settled };
    }
    if (existing !== requestHash) return { outcome: 'different_request', refused: settled, accepted: settled };
    return {
      outcome: 'same_request',
      refused: settled,
      accepted: async () =>
        void ((this.claims.get(id) ?? requestHash) === requestHash && this.claims.set(id, requestHash)),
    };
  }
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
