import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import { ProcessorRunner, ProcessorStatus } from '@koproduktiv/subscriptions';
import {
  activeGeneration,
  dropInactiveGenerations,
  ensureReadModels,
  generationLacksTables,
  rebuildReadModels,
} from './generations';
import { ReadModelProjection } from './read-model-projection';

/** Keeps one runner on the active read-model generation, switching when a rebuild swaps one in. */
export class ReadModelSupervisor {
  private runner: ProcessorRunner | undefined;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private switching: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly options: { logger?: Logger; batchSize?: number; idleMs?: number; checkEveryMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    const active = await ensureReadModels(this.pool);
    const outdated = await generationLacksTables(this.pool, active);
    await this.follow(active);
    // Made by an older version: keep answering from it while a rebuild fills every table, then switch (check).
    if (outdated) {
      this.options.logger?.warn({ generation: active }, 'read models from an older version: rebuilding them');
      rebuildReadModels(this.store, this.pool, { logger: this.options.logger }).catch((error: unknown) =>
        this.options.logger?.error({ err: error }, 'rebuilding read models from an older version failed'),
      );
    }
    this.timer = setInterval(() => {
      this.switching = this.switching
        .then(() => this.check())
        .catch((error) => this.options.logger?.error({ err: error }, 'read-model generation check failed'));
    }, this.options.checkEveryMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.switching;
    await this.runner?.stop();
  }

  poke(): void {
    this.runner?.poke();
  }

  status(): ProcessorStatus | undefined {
    return this.runner?.status();
  }

  private async check(): Promise<void> {
    const active = await activeGeneration(this.pool);
    if (active !== this.generation) {
      await this.follow(active);
      await dropInactiveGenerations(this.pool, active);
    }
  }

  private async follow(generation: number): Promise<void> {
    await this.runner?.stop();
    this.generation = generation;
    this.runner = new ProcessorRunner(this.store, this.pool, new ReadModelProjection(generation), {
      batchSize: this.options.batchSize ?? 500,
      idleMs: this.options.idleMs ?? 100,
      logger: this.options.logger,
    });
    this.runner.start();
  }
}
