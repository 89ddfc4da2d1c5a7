import type { Pool } from 'pg';

export type ClaimOutcome = 'claimed' | 'same_request' | 'different_request';

/**
 * Remembers which request an Idempotency-Key was first used for. The response itself is not stored:
 * the events a key produced carry it in their metadata, so a retry rebuilds the first response from
 * the stream — which stays right even if the process died between append and answer.
 */
export interface IdempotencyStore {
  claim(tenant: string, key: string, requestHash: string, streamId: string): Promise<ClaimOutcome>;
}

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async claim(tenant: string, key: string, requestHash: string, streamId: string): Promise<ClaimOutcome> {
    const { rows } = await this.pool.query<{ request_hash: string; inserted: boolean }>(
      `WITH ins AS (
         INSERT INTO kp_idempotency_keys (tenant, key, request_hash, stream_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING request_hash
       )
       SELECT request_hash, true AS inserted FROM ins
       UNION ALL
       SELECT request_hash, false FROM kp_idempotency_keys WHERE tenant = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [tenant, key, requestHash, streamId],
    );
    const row = rows[0];
    if (!row) return this.claim(tenant, key, requestHash, streamId); // the other claimer rolled back
    if (row.inserted) return 'claimed';
    return row.request_hash === requestHash ? 'same_request' : 'different_request';
  }
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly claims = new Map<string, string>();

  async claim(tenant: string, key: string, requestHash: string): Promise<ClaimOutcome> {
    const id = `${tenant}\u0000${key}`;
    const existing = this.claims.get(id);
    if (existing === undefined) {
      this.claims.set(id, requestHash);
      return 'claimed';
    }
    return existing === requestHash ? 'same_request' : 'different_request';
  }
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
