import type { Pool, PoolClient } from 'pg';
import { IntegrationEvent, parseIntegrationEvent, ReceivedRecord } from './integration-event';

/**
 * Remembers which event ids a consumer has handled. `runOnce` must run `work` and remember the id
 * atomically: either both happen or neither, so a crash in between leaves the event to be handled
 * again on redelivery and never twice.
 */
export interface DedupStore<Context> {
  /** Runs `work` unless `eventId` was handled before; resolves true if it ran. */
  runOnce(eventId: string, work: (context: Context) => Promise<void>): Promise<boolean>;
}

export type IntegrationEventHandler<Context> = (event: IntegrationEvent, context: Context) => Promise<void>;

/**
 * Turns at-least-once delivery into exactly-once effects: wraps a handler so that each `ce_id` has
 * its effect once, however often the record arrives (after a relay restart, a consumer rebalance
 * or a retried send). Use it as kafkajs's `eachMessage`:
 *
 *   const handle = createDedupingHandler(new PostgresDedupStore(pool, 'warehouse'), async (event, tx) => {
 *     await tx.query('INSERT INTO case_facts …', [...]);   // the effect, in the same transaction
 *   });
 *   await consumer.run({ eachMessage: ({ message }) => handle(message).then(() => undefined) });
 *
 * Resolves true when the handler ran, false for a duplicate.
 */
export function createDedupingHandler<Context>(store: DedupStore<Context>, handler: IntegrationEventHandler<Context>) {
  return async (record: ReceivedRecord): Promise<boolean> => {
    const event = parseIntegrationEvent(record);
    return store.runOnce(event.id, (context) => handler(event, context));
  };
}

/** For tests and effects that live in memory only; remembers ids until the process ends. */
export class InMemoryDedupStore implements DedupStore<void> {
  private readonly seen = new Set<string>();

  async runOnce(eventId: string, work: (context: void) => Promise<void>): Promise<boolean> {
    if (this.seen.has(eventId)) return false;
    await work(undefined);
    this.seen.add(eventId);
    return true;
  }

  has(eventId: string): boolean {
    return this.seen.has(eventId);
  }
}

/**
 * PostgreSQL-backed: the event id is claimed in the same transaction as the handler's effect
 * (`work` receives the transaction's client). A duplicate finds the id claimed and does nothing;
 * two consumers handling the same id at once queue on the primary key and the second finds it
 * claimed. `consumer` scopes the ids, so several consumers can share the table.
 */
export class PostgresDedupStore implements DedupStore<PoolClient> {
  static readonly DDL = `CREATE TABLE IF NOT EXISTS kp_consumed_events (
    consumer    text NOT NULL,
    event_id    text NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
  )`;

  private prepared: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly consumer: string,
  ) {}

  async runOnce(eventId: string, work: (tx: PoolClient) => Promise<void>): Promise<boolean> {
    this.prepared ??= this.pool.query(PostgresDedupStore.DDL).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    await this.prepared;
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
      const claimed = await tx.query(
        'INSERT INTO kp_consumed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [this.consumer, eventId],
      );
      if (claimed.rowCount === 0) {
        await tx.query('ROLLBACK');
        return false;
      }
      await work(tx);
      await tx.query('COMMIT');
      return true;
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }
}
