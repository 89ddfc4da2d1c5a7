import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import { rebuildReadModels, RebuildInProgressError, RebuildResult } from '@koproduktiv/projections';
import { Logger, ProblemError } from '@koproduktiv/platform';

export interface RebuildState {
  readonly state: 'idle' | 'running' | 'succeeded' | 'failed';
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly result?: RebuildResult;
  readonly error?: string;
}

/** A rebuild started over HTTP runs in the background; its state can be polled. */
export class RebuildJob {
  private current: RebuildState = { state: 'idle' };

  constructor(private readonly store: EventStore, private readonly pool: Pool, private readonly logger?: Logger) {}

  status(): RebuildState {
    return this.current;
  }

  start(): RebuildState {
    if (this.current.state === 'running') throw new ProblemError(409, 'PROJECTIONS.REBUILD_RUNNING', 'A rebuild is already running', `Started at ${this.current.startedAt}`);
    const startedAt = new Date().toISOString();
    this.current = { state: 'running', startedAt };
    rebuildReadModels(this.store, this.pool, { logger: this.logger }).then(
      (result) => (this.current = { state: 'succeeded', startedAt, finishedAt: new Date().toISOString(), result }),
      (error: Error) => {
        this.logger?.error({ err: error }, 'read-model rebuild failed');
        this.current = { state: 'failed', startedAt, finishedAt: new Date().toISOString(), error: error instanceof RebuildInProgressError ? 'another rebuild is running elsewhere' : error.message };
      },
    );
    return this.current;
  }
}
