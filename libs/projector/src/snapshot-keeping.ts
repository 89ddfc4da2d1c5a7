import type { Logger } from '@koproduktiv/platform';
import type { SnapshotKeeper } from '@koproduktiv/projections';

/** How long the keeper waits after a run: what the API retakes itself is what moved in between. */
export const SNAPSHOT_KEEPING_INTERVAL_MS = 2000;

/**
 * Runs the SnapshotKeeper again and again (one run at a time), next to the read models' projection.
 * A failed run is logged and the next one retries; before the read models exist there is nothing to keep.
 */
export class SnapshotKeeping {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly keeper: SnapshotKeeper,
    private readonly logger: Logger,
    private readonly intervalMs = SNAPSHOT_KEEPING_INTERVAL_MS,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const started = Date.now();
      const report = await this.keeper.keep();
      if (report.computed || report.dropped)
        this.logger.info({ ...report, ms: Date.now() - started }, 'Lagebild snapshots kept');
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return; // the read models' tables are not made yet
      this.logger.warn({ err: error }, 'keeping the Lagebild snapshots failed; the next run retries');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
