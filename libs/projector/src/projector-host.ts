import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import { ReadModelSupervisor } from '@koproduktiv/projections';
import { Processor, ProcessorRunner, SubscriptionHost } from '@koproduktiv/subscriptions';

/**
 * Everything that follows the store: the read models and any further processors (e.g. the Kafka
 * relay), each with its own checkpoint and lock. `npm start` hosts it inside the API process;
 * production runs it alone in apps/projector.
 */
export class ProjectorHost extends SubscriptionHost {
  constructor(store: EventStore, pool: Pool, extra: readonly Processor[] = [], logger?: Logger) {
    super(
      [
        new ReadModelSupervisor(store, pool, { logger }),
        ...extra.map((processor) => new ProcessorRunner(store, pool, processor, { logger, retryMs: 2000 })),
      ],
      logger,
    );
  }
}
