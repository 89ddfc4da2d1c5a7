import type { Pool } from 'pg';
import type { EventStore } from '@koproduktiv/event-store';
import { rebuildReadModels, RebuildInProgressError, RebuildResult } from '@koproduktiv/projections';
import { Logger } from '@koproduktiv/platform';
import { ProblemError } from '../http/problem-error';

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

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly logger?: Logger,
  ) {}

  private refuseWhileRunning(): void {
    const { state, startedAt } = this.current;
    if (state === 'running')
      throw new ProblemError(
        409,
        'PROJECTIONS.REBUILD_RUNNING',
        'A rebuild is already running',
        `Started at ${startedAt}`,
      );
  }

  status(): RebuildState {
    return this.current;
  }

  async start(): Promise<RebuildState> {
    this.refuseWhileRunning();
    // Without its database a rebuild cannot start: say so now (503) rather than accept it and fail behind the caller's back.
    await this.pool.query('SELECT 1');
    this.refuseWhileRunning(); // another request may have started one meanwhile
    const startedAt = new Date().toISOString();
    this.current = { state: 'running', startedAt };
    rebuildReadModels(this.store, this.pool, { logger: this.logger }).then(
      (result) => (this.current = { state: 'succeeded', startedAt, finishedAt: new Date().toISOString(), result }),
      (error: Error) => {
        this.logger?.error({ err: error }, 'read-model rebuild failed');
        this.current = {
          state: 'failed',
          startedAt,
          finishedAt: new Date().toISOString(),
          error: error instanceof RebuildInProgressError ? 'another rebuild is running elsewhere' : error.message,
        };
      },
    );
    return this.current;
  }
}
