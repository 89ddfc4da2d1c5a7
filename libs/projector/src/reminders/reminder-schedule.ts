import type { Pool } from 'pg';
import { type EventPublisher, ReminderLedger, reminderOf } from '@koproduktiv/messaging';
import { MetricsSettings, reminderOccasions } from '@koproduktiv/metrics';
import type { Logger } from '@koproduktiv/platform';
import { WorklistIndex } from '@koproduktiv/projections';
import { ReminderMetrics } from './reminder-metrics';
import type { ReminderSettings } from './reminder-settings';

export interface ReminderRun {
  /** Reminders recorded in this run that no run had recorded before. */
  readonly recorded: number;
  /** Reminders this run published (0 when another projector was publishing). */
  readonly published: number;
}

/**
 * Reminds the administration's own systems of the worklist (README, "Reminders"): every
 * `intervalMs` it computes every municipality's worklist items as of now from the read models,
 * records each item that became due-soon or overdue in the reminder ledger (once per item, due time
 * and transition, whichever projector notices it first) and publishes what is pending to
 * `<prefix>.reminder.v1`. Safe in several projector instances and across restarts: the ledger's key
 * and its publishing lock decide, not the process.
 */
export class ReminderSchedule {
  private readonly index: WorklistIndex;
  private prepared: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  readonly metrics = new ReminderMetrics();

  constructor(
    private readonly pool: Pool,
    private readonly publisher: EventPublisher,
    private readonly topicPrefix: string,
    private readonly settings: ReminderSettings,
    settingsFor: (tenant: string) => MetricsSettings,
    private readonly logger?: Logger,
    private readonly clock: () => Date = () => new Date(),
    readonly ledger: ReminderLedger = new ReminderLedger(pool, logger),
  ) {
    this.index = new WorklistIndex(pool, settingsFor);
  }

  async runOnce(): Promise<ReminderRun> {
    this.prepared ??= this.ledger.prepare().catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    await this.prepared;
    const now = this.clock();
    const { rows } = await this.pool.query<{ tenant: string; position: string }>(
      'SELECT tenant, max(position) AS position FROM rm_cases GROUP BY tenant ORDER BY tenant',
    );
    let recorded = 0;
    for (const { tenant, position } of rows) {
      const worklist = await this.index.items(tenant, Number(position), now);
      for (const left of worklist.leftOut)
        this.logger?.warn({ tenant, caseId: left.caseId, reason: left.reason }, 'reminders: case left out');
      const reminders = reminderOccasions(worklist.items, now, this.settings.dueSoonMs).map((occasion) =>
        reminderOf(tenant, occasion),
      );
      recorded += await this.ledger.record(reminders, now);
    }
    const published = await this.ledger.publishPending(this.publisher, this.topicPrefix);
    this.metrics.recorded += recorded;
    this.metrics.published += published;
    this.metrics.lastSuccess = Math.floor(Date.now() / 1000);
    if (recorded || published) this.logger?.info({ recorded, published }, 'reminders: recorded and published');
    return { recorded, published };
  }

  /** Runs now and then every interval; a failed run (broker or database away) is logged and tried again at the next. */
  start(): void {
    if (this.settings.intervalMs === 0) return;
    const run = () => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: unknown) => {
          this.metrics.failedRuns += 1;
          this.logger?.warn({ err: error }, 'reminders: run failed; pending reminders are sent at the next run');
        })
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
