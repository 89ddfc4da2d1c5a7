import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import { Processor, ProcessorRunner, ProcessorStatus } from '../processor';
import { ReadModelSupervisor } from '../read-models';

/**
 * Everything that follows the store: the read models and any further processors (e.g. the Kafka
 * relay), each with its own checkpoint and lock. `npm start` hosts it inside the API process;
 * production runs it alone in apps/projector.
 */
export class ProjectorHost {
  private readonly readModels: ReadModelSupervisor;
  private readonly runners: ProcessorRunner[];

  constructor(
    store: EventStore,
    pool: Pool,
    extra: readonly Processor[] = [],
    private readonly logger?: Logger,
  ) {
    this.readModels = new ReadModelSupervisor(store, pool, { logger });
    this.runners = extra.map((processor) => new ProcessorRunner(store, pool, processor, { logger, retryMs: 2000 }));
  }

  async start(): Promise<void> {
    await this.readModels.start();
    for (const runner of this.runners) runner.start();
    this.logger?.info({ processors: this.statuses().map((s) => s.name) }, 'projector started');
  }

  async stop(): Promise<void> {
    await Promise.all([this.readModels.stop(), ...this.runners.map((runner) => runner.stop())]);
  }

  /** Wakes the processors after an append, so reads catch up without waiting for the next poll. */
  poke(): void {
    this.readModels.poke();
    for (const runner of this.runners) runner.poke();
  }

  statuses(): ProcessorStatus[] {
    const readModels = this.readModels.status();
    return [...(readModels ? [readModels] : []), ...this.runners.map((runner) => runner.status())];
  }
}
