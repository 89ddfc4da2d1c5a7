import type { Pool } from 'pg';

/** A stream whose hash chain was re-sealed when its plain-text personal data was encrypted (store encrypt-personal-data). */
export interface ResealRecord {
  readonly streamId: string;
  readonly oldHeadHash: string | null;
  readonly newHeadHash: string | null;
  readonly eventsSealed: number;
  readonly resealedAt: Date;
  readonly reason: string;
}

/** kp_reseals, the audit history of the one rewrite events ever get. */
export class ResealLog {
  constructor(private readonly pool: Pool) {}

  async ofTenant(tenant: string): Promise<ResealRecord[]> {
    const { rows } = await this.pool.query<{
      stream_id: string;
      old_head_hash: string | null;
      new_head_hash: string | null;
      events_sealed: number;
      resealed_at: Date;
      reason: string;
    }>(
      'SELECT stream_id, old_head_hash, new_head_hash, events_sealed, resealed_at, reason FROM kp_reseals WHERE tenant = $1 ORDER BY id',
      [tenant],
    );
    return rows.map((row) => ({
      streamId: row.stream_id,
      oldHeadHash: row.old_head_hash,
      newHeadHash: row.new_head_hash,
      eventsSealed: row.events_sealed,
      resealedAt: row.resealed_at,
      reason: row.reason,
    }));
  }
}
