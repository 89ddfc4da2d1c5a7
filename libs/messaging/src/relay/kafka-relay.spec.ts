import { Registry } from 'prom-client';
import pino from 'pino';
import type { GlobalEvent } from '@koproduktiv/event-store';
import type { IntegrationMessage } from '../integration-events/cloudevents';
import { EventPublisher, PublishOutcome, RejectedMessage, RetryablePublishError } from '../publisher/event-publisher';
import { aDomainEvent, freshIds } from '../testing/sample-events';
import { Backoff } from './backoff';
import { KafkaRelay } from './kafka-relay';
import { RelayMetrics } from './relay-metrics';

/** Records what it was asked to publish; fails or refuses on demand. Unit level only: the e2e suites use a real broker. */
class RecordingPublisher implements EventPublisher {
  readonly published: IntegrationMessage[] = [];
  failNext = 0;
  refuse: (message: IntegrationMessage) => string | undefined = () => undefined;

  async publishBatch(messages: readonly IntegrationMessage[]): Promise<PublishOutcome> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new RetryablePublishError('broker unreachable');
    }
    const rejected: RejectedMessage[] = [];
    messages.forEach((message, index) => {
      const error = this.refuse(message);
      if (error) rejected.push({ index, reason: 'MESSAGE_TOO_LARGE', error });
      else this.published.push(message);
    });
    return { rejected };
  }

  async close() {}
}

let position = 0;
const global = (type: string, data?: Record<string, unknown>): GlobalEvent => {
  const ids = freshIds();
  const base = aDomainEvent(type === 'SomethingInternal' ? 'CaseClosed' : (type as 'CaseClosed'), ids);
  position += 1;
  return {
    ...base,
    type,
    data: data ?? base.data,
    tenant: 't1',
    streamId: `case-${ids.case}`,
    version: 1,
    position,
    recordedAt: new Date(),
    prevHash: null,
    hash: 'h',
    checkpoint: String(position),
  };
};

function logCapture() {
  const lines: { level: number; msg: string; reason?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('KafkaRelay (processor)', () => {
  it('publishes every event of the batch in order and counts them per topic', async () => {
    const publisher = new RecordingPublisher();
    const relay = new KafkaRelay(publisher, { topicPrefix: 'kp' });
    const batch = [global('RequestSubmitted'), global('CaseClosed'), global('FundOpened')];
    await relay.handle(batch);
    expect(publisher.published.map((m) => m.headers.ce_id)).toEqual(batch.map((e) => e.eventId));
    expect(relay.metrics.snapshot()).toMatchObject({
      published: { 'kp.case.v1': 2, 'kp.fund.v1': 1 },
      failures: 0,
      lastPublishedPosition: batch[2].position,
    });
  });

  it('throws on a retryable failure (so the checkpoint stays), backs off before the next attempt, and recovers', async () => {
    const publisher = new RecordingPublisher();
    const backoff = new Backoff(40, 1000, () => 1);
    const relay = new KafkaRelay(publisher, { topicPrefix: 'kp', backoff });
    const batch = [global('RequestSubmitted')];
    publisher.failNext = 2;
    await expect(relay.handle(batch)).rejects.toBeInstanceOf(RetryablePublishError);
    await expect(relay.handle(batch)).rejects.toBeInstanceOf(RetryablePublishError);
    expect(relay.metrics.snapshot()).toMatchObject({ failures: 2, consecutiveFailures: 2 });
    expect(relay.metrics.pendingSeconds()).toBeGreaterThanOrEqual(0);
    expect(relay.metrics.snapshot().oldestPendingRecordedAt).toEqual(batch[0].recordedAt);
    const started = Date.now();
    await relay.handle(batch);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75); // 2nd failure: 40·2 ms
    expect(publisher.published).toHaveLength(1);
    expect(relay.metrics.snapshot()).toMatchObject({ consecutiveFailures: 0 });
    expect(relay.metrics.snapshot().oldestPendingRecordedAt).toBeUndefined();
  });

  it('dead-letters what can never be published, logs an error, counts it and publishes the rest', async () => {
    const publisher = new RecordingPublisher();
    publisher.refuse = (m) =>
      m.topic === 'kp.case.v1' && m.headers.ce_type.endsWith('CaseClosed') ? 'too large' : undefined;
    const { logger, lines } = logCapture();
    const relay = new KafkaRelay(publisher, { topicPrefix: 'kp', logger });
    const batch = [
      global('RequestSubmitted'),
      global('CaseClosed'),
      global('SomethingInternal', { secret: 's3cr3t' }),
      global('SupportAgreed'),
    ];
    await relay.handle(batch);
    const regular = publisher.published.filter((m) => m.topic !== 'kp.deadletter.v1');
    const letters = publisher.published.filter((m) => m.topic === 'kp.deadletter.v1');
    expect(regular.map((m) => m.headers.ce_id)).toEqual([batch[0].eventId, batch[3].eventId]);
    expect(letters.map((m) => [m.headers.ce_id, m.headers.kp_deadletter_reason])).toEqual(
      expect.arrayContaining([
        [batch[1].eventId, 'MESSAGE_TOO_LARGE'],
        [batch[2].eventId, 'NO_INTEGRATION_SCHEMA'],
      ]),
    );
    expect(letters.map((m) => m.value.toString()).join()).not.toContain('s3cr3t');
    expect(relay.metrics.snapshot().deadLettered).toEqual({ MESSAGE_TOO_LARGE: 1, NO_INTEGRATION_SCHEMA: 1 });
    expect(
      lines
        .filter((l) => l.level === 50)
        .map((l) => l.reason)
        .sort(),
    ).toEqual(['MESSAGE_TOO_LARGE', 'NO_INTEGRATION_SCHEMA']);
  });

  it('refuses batches after close and ends a backoff pause at once', async () => {
    const publisher = new RecordingPublisher();
    const relay = new KafkaRelay(publisher, { topicPrefix: 'kp', backoff: new Backoff(60_000, 60_000) });
    publisher.failNext = 1;
    await expect(relay.handle([global('RequestSubmitted')])).rejects.toThrow();
    const pausing = relay.handle([global('RequestSubmitted')]);
    const started = Date.now();
    await relay.close();
    await expect(pausing).rejects.toThrow('closed');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(relay.handle([global('RequestSubmitted')])).rejects.toThrow('closed');
  });

  it('exposes its counters as Prometheus metrics', async () => {
    const metrics = new RelayMetrics();
    metrics.onPublished('kp.case.v1', 3);
    metrics.onDeadLettered('MESSAGE_TOO_LARGE');
    metrics.onBatchFailed('down');
    const registry = new Registry();
    metrics.register(registry);
    const text = await registry.metrics();
    expect(text).toContain('koproduktiv_kafka_relay_published_total{topic="kp.case.v1"} 3');
    expect(text).toContain('koproduktiv_kafka_relay_dead_lettered_total{reason="MESSAGE_TOO_LARGE"} 1');
    expect(text).toContain('koproduktiv_kafka_relay_failures_total 1');
    expect(text).toContain('koproduktiv_kafka_relay_consecutive_failures 1');
  });
});

describe('Backoff', () => {
  it('doubles up to the cap, with jitter in the upper half, and resets on success', () => {
    const backoff = new Backoff(100, 1000, () => 1);
    expect(backoff.nextDelayMs()).toBe(0);
    const delays = Array.from({ length: 6 }, () => (backoff.failed(), backoff.nextDelayMs()));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(new Backoff(100, 1000, () => 0).nextDelayMs()).toBe(0);
    const low = new Backoff(100, 1000, () => 0);
    low.failed();
    expect(low.nextDelayMs()).toBe(50);
    backoff.succeeded();
    expect(backoff.nextDelayMs()).toBe(0);
  });
});
