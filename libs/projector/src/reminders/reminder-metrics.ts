import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from '@koproduktiv/platform';

/** What the reminder schedule did, for /metrics: a failing schedule shows in failed runs and an old last success. */
export class ReminderMetrics {
  recorded = 0;
  published = 0;
  failedRuns = 0;
  /** Epoch seconds of the last run that finished; 0 before the first. */
  lastSuccess = 0;

  register(registry: Registry): void {
    scrapedCounter(
      registry,
      'koproduktiv_reminders_recorded_total',
      'Reminders this process recorded first (due-soon or overdue worklist items)',
      () => this.recorded,
    );
    scrapedCounter(
      registry,
      'koproduktiv_reminders_published_total',
      'Reminders this process published and the broker acknowledged',
      () => this.published,
    );
    scrapedCounter(
      registry,
      'koproduktiv_reminders_failed_runs_total',
      'Reminder runs that failed (database or broker away); retried at the next run',
      () => this.failedRuns,
    );
    scrapedGauge(
      registry,
      'koproduktiv_reminders_last_success_timestamp_seconds',
      'When a reminder run last finished (epoch seconds); 0 before the first',
      () => this.lastSuccess,
    );
  }
}
