import { Counter, Gauge, Registry } from 'prom-client';

export interface RelayMetricsSnapshot {
  /** Messages the broker acknowledged, per topic. */
  readonly published: Readonly<Record<string, number>>;
  /** Events sent to the dead-letter topic, per reason. */
  readonly deadLettered: Readonly<Record<string, number>>;
  /** Batches that failed and were retried (broker unreachable, timeouts …). */
  readonly failures: number;
  readonly consecutiveFailures: number;
  /** Global position and record time of the last event acknowledged. */
  readonly lastPublishedPosition: number;
  readonly lastPublishedRecordedAt?: Date;
  /** Record time of the oldest event handed to the relay and not acknowledged yet (the relay is stuck behind it). */
  readonly oldestPendingRecordedAt?: Date;
  readonly lastError?: string;
}

/**
 * The relay's counters, readable as a plain object (`snapshot()`, for health checks and tests) and
 * as Prometheus metrics (`register(registry)`, for /metrics). Processor lag and position come from
 * the ProcessorRunner's status like every processor's.
 */
export class RelayMetrics {
  private readonly published = new Map<string, number>();
  private readonly deadLettered = new Map<string, number>();
  private failures = 0;
  private consecutiveFailures = 0;
  private lastPublishedPosition = 0;
  private lastPublishedRecordedAt: Date | undefined;
  private oldestPendingRecordedAt: Date | undefined;
  private lastError: string | undefined;

  onBatchStarted(oldestRecordedAt: Date): void {
    this.oldestPendingRecordedAt ??= oldestRecordedAt;
  }

  onPublished(topic: string, count: number): void {
    this.published.set(topic, (this.published.get(topic) ?? 0) + count);
  }

  onDeadLettered(reason: string): void {
    this.deadLettered.set(reason, (this.deadLettered.get(reason) ?? 0) + 1);
  }

  onBatchAcknowledged(position: number, recordedAt: Date): void {
    this.lastPublishedPosition = position;
    this.lastPublishedRecordedAt = recordedAt;
    this.oldestPendingRecordedAt = undefined;
    this.consecutiveFailures = 0;
    this.lastError = undefined;
  }

  onBatchFailed(error: string): void {
    this.failures += 1;
    this.consecutiveFailures += 1;
    this.lastError = error;
  }

  /** Seconds the oldest unacknowledged event has waited since it was recorded; 0 when nothing is pending. */
  pendingSeconds(now = new Date()): number {
    return this.oldestPendingRecordedAt
      ? Math.max(0, (now.getTime() - this.oldestPendingRecordedAt.getTime()) / 1000)
      : 0;
  }

  snapshot(): RelayMetricsSnapshot {
    return {
      published: Object.fromEntries(this.published),
      deadLettered: Object.fromEntries(this.deadLettered),
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      lastPublishedPosition: this.lastPublishedPosition,
      ...(this.lastPublishedRecordedAt ? { lastPublishedRecordedAt: this.lastPublishedRecordedAt } : {}),
      ...(this.oldestPendingRecordedAt ? { oldestPendingRecordedAt: this.oldestPendingRecordedAt } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Adds the relay's metrics to a prom-client registry; values are read at scrape time. */
  register(registry: Registry): void {
    const self = this;
    new Counter({
      name: 'koproduktiv_kafka_relay_published_total',
      help: 'Integration events the Kafka broker acknowledged, per topic',
      labelNames: ['topic'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [topic, n] of self.published) this.inc({ topic }, n);
      },
    });
    new Counter({
      name: 'koproduktiv_kafka_relay_dead_lettered_total',
      help: 'Events that could never be published and went to the dead-letter topic, per reason',
      labelNames: ['reason'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [reason, n] of self.deadLettered) this.inc({ reason }, n);
      },
    });
    new Counter({
      name: 'koproduktiv_kafka_relay_failures_total',
      help: 'Publish attempts that failed and were retried after a backoff (broker unreachable, timeouts)',
      registers: [registry],
      collect() {
        this.reset();
        if (self.failures) this.inc(self.failures);
      },
    });
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(value());
        },
      });
    gauge(
      'koproduktiv_kafka_relay_consecutive_failures',
      'Failed attempts since the last acknowledged batch (0 when healthy)',
      () => self.consecutiveFailures,
    );
    gauge(
      'koproduktiv_kafka_relay_pending_seconds',
      'Age of the oldest event handed to the relay and not yet acknowledged',
      () => self.pendingSeconds(),
    );
    gauge(
      'koproduktiv_kafka_relay_last_published_position',
      'Global position of the last event the broker acknowledged',
      () => self.lastPublishedPosition,
    );
  }
}
