import type { Pool } from 'pg';
import type { ReminderTransition } from '@koproduktiv/metrics';
import { type Logger, withTransaction } from '@koproduktiv/platform';
import type { EventPublisher } from '../publisher/event-publisher';
import { Reminder, ReminderData, toReminderMessage } from './reminder-message';

export const REMINDERS_DDL = `
  CREATE TABLE IF NOT EXISTS kp_reminders (
    id uuid PRIMARY KEY,
    seq bigserial NOT NULL UNIQUE,
    tenant text NOT NULL,
    transition text NOT NULL,
    data jsonb NOT NULL,
    noticed_at timestamptz NOT NULL,
    published_at timestamptz,
    rejected text);
  CREATE INDEX IF NOT EXISTS kp_reminders_pending ON kp_reminders (seq) WHERE published_at IS NULL;`;

interface PendingRow {
  id: string;
  tenant: string;
  transition: ReminderTransition;
  data: ReminderData;
  noticed_at: Date;
}

/**
 * The outbox of reminders, in PostgreSQL: one row per reminder id (derived from item, due time and
 * transition), so however many schedulers notice the same reminder, and however often, it is
 * recorded once (`INSERT … ON CONFLICT DO NOTHING`). Publishing takes the pending rows in the order
 * they were recorded, under a lock only one process holds at a time; a row counts as published in
 * the transaction that follows the broker's acknowledgement. A crash between the two publishes that
 * batch again with the same `ce_id` (at-least-once, like the relay), which consumers de-duplicate.
 */
export class ReminderLedger {
  constructor(
    private readonly pool: Pool,
    private readonly logger?: Logger,
  ) {}

  /** Creates the table; the lock keeps two processes starting at once from racing on it. */
  async prepare(): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kp.reminders.ddl'))`);
      await tx.query(REMINDERS_DDL);
    });
  }

  /** Records the reminders not recorded yet; returns how many were new. */
  async record(reminders: readonly Reminder[], noticedAt: Date): Promise<number> {
    if (reminders.length === 0) return 0;
    const result = await this.pool.query(
      `INSERT INTO kp_reminders (id, tenant, transition, data, noticed_at)
       SELECT r.id, r.tenant, r.transition, r.data, $2::timestamptz
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id uuid, tenant text, transition text, data jsonb))
         WITH ORDINALITY AS r(id, tenant, transition, data, n)
       ORDER BY r.n
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(reminders.map(({ id, tenant, transition, data }) => ({ id, tenant, transition, data }))),
        noticedAt,
      ],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Publishes pending reminders, oldest first, `batchSize` at a time; returns how many were
   * published, or 0 when another process is publishing. A batch the broker cannot take now stays
   * pending (the error is thrown; the next run tries again). A reminder the broker refuses for good
   * is marked with the reason and logged, not retried.
   */
  async publishPending(publisher: EventPublisher, topicPrefix: string, batchSize = 500): Promise<number> {
    let published = 0;
    for (;;) {
      const done = await withTransaction(this.pool, async (tx) => {
        const { rows: lock } = await tx.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_xact_lock(hashtext('kp.reminders.publish')) AS locked`,
        );
        if (!lock[0].locked) return { count: 0, more: false };
        const { rows } = await tx.query<PendingRow>(
          `SELECT id, tenant, transition, data, noticed_at FROM kp_reminders
           WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
          [batchSize],
        );
        if (rows.length === 0) return { count: 0, more: false };
        const messages = rows.map((row) =>
          toReminderMessage(
            { id: row.id, tenant: row.tenant, transition: row.transition, data: row.data },
            row.noticed_at,
            topicPrefix,
          ),
        );
        const { rejected } = await publisher.publishBatch(messages);
        const refused = new Map(rejected.map(({ index, reason, error }) => [rows[index].id, `${reason}: ${error}`]));
        for (const [id, reason] of refused)
          this.logger?.error({ reminderId: id, reason }, 'reminder refused by the broker');
        await tx.query(
          `UPDATE kp_reminders AS k SET published_at = now(), rejected = r.rejected
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, rejected text) WHERE k.id = r.id`,
          [JSON.stringify(rows.map((row) => ({ id: row.id, rejected: refused.get(row.id) ?? null })))],
        );
        return { count: rows.length - refused.size, more: rows.length === batchSize };
      });
      published += done.count;
      if (!done.more) return published;
    }
  }
}
