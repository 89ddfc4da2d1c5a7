import type { PoolClient } from 'pg';
import type { GlobalEvent } from '@koproduktiv/event-store';

/**
 * Something that follows the store's global order with a checkpoint of its own: a projection
 * writing read models, or the relay publishing to Kafka. `handle` runs inside the transaction that
 * also moves the checkpoint, so read-model writes and checkpoint commit or fail together; an
 * external effect (a broker) must be acknowledged before `handle` returns.
 */
export interface Processor {
  readonly name: string;
  /** Creates what the processor writes to, idempotently, before it starts. */
  prepare?(client: PoolClient): Promise<void>;
  handle(events: readonly GlobalEvent[], tx: PoolClient): Promise<void>;
}
