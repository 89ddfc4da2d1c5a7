import type { Pool } from 'pg';

/** Who read personal data in clear, when, what, and why (the request's X-Purpose), for DSGVO Art. 5(2). */
export interface AccessRecord {
  readonly tenant: string;
  readonly actor: string;
  readonly role: string;
  /** What was read, e.g. `audit.stream-events`. */
  readonly action: string;
  /** Which stream or data subject. */
  readonly target: string;
  readonly purpose: string | null;
  readonly requestId: string | null;
}

export interface AccessLogEntry extends AccessRecord {
  readonly id: number;
  readonly at: Date;
}

export interface AccessLog {
  record(entry: AccessRecord): Promise<void>;
  /** The tenant's entries after `afterId`, oldest first. */
  page(tenant: string, afterId: number, limit: number): Promise<AccessLogEntry[]>;
}

/** kp_access_log: a trigger refuses UPDATE and DELETE, so entries can only be added. */
export class PostgresAccessLog implements AccessLog {
  constructor(private readonly pool: Pool) {}

  async record(entry: AccessRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO kp_access_log (tenant, actor, role, action, target, purpose, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.tenant, entry.actor, entry.role, entry.action, entry.target, entry.purpose, entry.requestId],
    );
  }

  async page(tenant: string, afterId: number, limit: number): Promise<AccessLogEntry[]> {
    const { rows } = await this.pool.query<{
      id: string;
      at: Date;
      tenant: string;
      actor: string;
      role: string;
      action: string;
      target: string;
      purpose: string | null;
      request_id: string | null;
    }>(
      'SELECT id::text, at, tenant, actor, role, action, target, purpose, request_id FROM kp_access_log WHERE tenant = $1 AND id > $2 ORDER BY id LIMIT $3',
      [tenant, afterId, limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      tenant: row.tenant,
      actor: row.actor,
      role: row.role,
      action: row.action,
      target: row.target,
      purpose: row.purpose,
      requestId: row.request_id,
    }));
  }
}
