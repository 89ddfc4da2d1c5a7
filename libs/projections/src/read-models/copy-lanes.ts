import type { PoolClient } from 'pg';
import { inFlight } from '../in-flight';
import { copyIn } from './copy-in';

export interface Copy {
  readonly table: string;
  readonly columns: readonly string[];
  readonly lines: string;
}

/**
 * COPYs on several connections, one batch at a time per connection: a batch goes out on the next
 * lane once that lane's previous batch is in. PostgreSQL takes in one batch while it parses the
 * next, and no more batches wait in memory than there are lanes.
 */
export class CopyLanes {
  private readonly lanes: { client: PoolClient; last: Promise<void> }[];
  private next = 0;

  constructor(clients: readonly PoolClient[]) {
    this.lanes = clients.map((client) => ({ client, last: Promise.resolve() }));
  }

  /** Resolves once the batch is on its way; a failure surfaces at the lane's next write or at `drained`. */
  async write(copies: readonly Copy[]): Promise<void> {
    const lane = this.lanes[this.next];
    this.next = (this.next + 1) % this.lanes.length;
    await lane.last;
    lane.last = inFlight(copyAll(lane.client, copies));
  }

  /** Every batch written, or the first failure. */
  async drained(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.last));
  }

  /** Waits for every COPY to end, failed or not, so that no connection goes back to its pool mid-COPY. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.lanes.map((lane) => lane.last));
  }
}

async function copyAll(client: PoolClient, copies: readonly Copy[]): Promise<void> {
  for (const { table, columns, lines } of copies) await copyIn(client, table, columns, lines);
}
