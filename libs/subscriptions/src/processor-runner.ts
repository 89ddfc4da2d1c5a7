import type { Pool, PoolClient } from 'pg';
import type { EventStore, GlobalEvent } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import { advanceCheckpoint, CHECKPOINTS_DDL, loadCheckpoint, saveCheckpoint, StoredCheckpoint } from './checkpoints';
import type { Processor } from './processor';

export interface RunnerOptions {
  readonly batchSize?: number;
  /** Pause when caught up before looking for new events. */
  readonly idleMs?: number;
  /** Pause before retrying after a failure or while another instance holds the lock. */
  readonly retryMs?: number;
  readonly logger?: Logger;
}

export interface ProcessorStatus {
  readonly name: string;
  readonly active: boolean;
  readonly caughtUp: boolean;
  readonly position: number;
  /** Seconds between now and the record time of the last event handled, while behind; 0 when caught up. */
  readonly lagSeconds: number;
  readonly lastError?: string;
}

/**
 * Runs one processor: takes its PostgreSQL advisory lock (so only one instance in a cluster is
 * active; the others wait as stand-bys), then reads batches in global order and commits each
 * batch's effects together with the checkpoint. A crash anywhere replays at most the batch whose
 * transaction did not commit.
 */
export class ProcessorRunner {
  private client: PoolClient | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private state: { active: boolean; caughtUp: boolean; position: number; lastRecordedAt?: Date; lastError?: string } = {
    active: false,
    caughtUp: false,
    position: 0,
  };
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly processor: Processor,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 100;
    this.retryMs = options.retryMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Asks a caught-up runner to look for new events now (e.g. after a command was appended). */
  poke(): void {
    this.wake?.();
  }

  status(now = new Date()): ProcessorStatus {
    const { active, caughtUp, position, lastRecordedAt, lastError } = this.state;
    const lagSeconds = caughtUp || !lastRecordedAt ? 0 : Math.max(0, (now.getTime() - lastRecordedAt.getTime()) / 1000);
    return { name: this.processor.name, active, caughtUp, position, lagSeconds, ...(lastError ? { lastError } : {}) };
  }

  /** Processes batches until the processor has caught up; for tests, CLIs and rebuilds. Needs no lock held elsewhere. */
  async catchUp(): Promise<number> {
    const client = await this.acquire();
    if (!client) throw new Error(`${this.processor.name} is active in another process`);
    try {
      let total = 0;
      for (let handled = -1; handled !== 0; total += handled) handled = await this.processBatch(client);
      return total;
    } finally {
      await this.release();
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const client = this.client ?? (await this.acquire());
        if (!client) {
          await this.pause(this.retryMs);
          continue;
        }
        const handled = await this.processBatch(client);
        this.state.lastError = undefined;
        if (handled === 0) await this.pause(this.idleMs);
      } catch (error) {
        this.state.lastError = (error as Error).message;
        this.options.logger?.error({ err: error, processor: this.processor.name }, 'processor batch failed; retrying');
        await this.release(true);
        await this.pause(this.retryMs);
      }
    }
    await this.release();
  }

  private async acquire(): Promise<PoolClient | undefined> {
    const client = await this.pool.connect();
    // A held connection that breaks (server restart, terminated session) must not crash the process;
    // the next query fails and the loop reconnects.
    client.on('error', this.onConnectionError);
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `kp.processor.${this.processor.name}`,
      ]);
      if (!rows[0].locked) {
        client.off('error', this.onConnectionError);
        client.release();
        return undefined;
      }
      await client.query(CHECKPOINTS_DDL);
      await this.processor.prepare?.(client);
      const stored: StoredCheckpoint = await loadCheckpoint(client, this.processor.name);
      this.state = { ...this.state, active: true, position: stored.position };
      this.client = client;
      this.options.logger?.info({ processor: this.processor.name, position: stored.position }, 'processor active');
      return client;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  private readonly onConnectionError = (error: Error) =>
    this.options.logger?.warn({ err: error, processor: this.processor.name }, 'processor connection lost');

  private async release(broken = false): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.state = { ...this.state, active: false, caughtUp: false };
    if (!client) return;
    client.off('error', this.onConnectionError);
    if (!broken) await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    client.release(broken);
  }

  private async processBatch(client: PoolClient): Promise<number> {
    const { checkpoint } = await loadCheckpoint(client, this.processor.name);
    const page = await this.store.readAll({ after: checkpoint, maxCount: this.batchSize });
    const { events } = page;
    if (events.length === 0) {
      // A store may have read past records that are not events of ours (KurrentDB's system records).
      if (page.checkpoint !== undefined && page.checkpoint !== checkpoint)
        await advanceCheckpoint(client, this.processor.name, page.checkpoint);
      this.state.caughtUp = true;
      return 0;
    }
    await this.commitBatch(client, events);
    this.state.caughtUp = events.length < this.batchSize;
    return events.length;
  }

  private async commitBatch(client: PoolClient, events: readonly GlobalEvent[]): Promise<void> {
    const last = events[events.length - 1];
    await client.query('BEGIN');
    try {
      await this.processor.handle(events, client);
      await saveCheckpoint(client, this.processor.name, last.checkpoint, last.position, last.recordedAt);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.state.position = last.position;
    this.state.lastRecordedAt = last.recordedAt;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
