import type { GlobalEvent } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import type { Processor } from '@koproduktiv/subscriptions';
import { IntegrationMessage, toIntegrationMessage } from '../integration-events/cloudevents';
import { EventPublisher, RetryablePublishError } from '../publisher/event-publisher';
import { Backoff } from './backoff';
import { toDeadLetter } from './dead-letter';
import { RelayMetrics } from './relay-metrics';

export const KAFKA_RELAY_PROCESSOR = 'kafka-relay';

export interface KafkaRelayOptions {
  readonly topicPrefix: string;
  readonly logger?: Logger;
  readonly metrics?: RelayMetrics;
  readonly backoff?: Backoff;
  /** The checkpoint name; one relay per name and database. */
  readonly name?: string;
}

/**
 * Follows the store in global order (run it with ProcessorRunner) and publishes every event as a
 * CloudEvents message. `handle` returns only after the broker acknowledged the whole batch, and
 * the runner saves the checkpoint after `handle`, in the same transaction: the checkpoint never
 * passes an unacknowledged event (at-least-once). A failed publish throws, the runner rolls back
 * and retries the batch; the relay waits with exponential backoff before the next attempt. An
 * event the broker refuses for good goes to the dead-letter topic and the relay moves on.
 *
 * It writes nothing to PostgreSQL: the transaction only carries the checkpoint.
 */
export class KafkaRelay implements Processor {
  readonly name: string;
  readonly metrics: RelayMetrics;
  private readonly backoff: Backoff;
  private closed = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly options: KafkaRelayOptions,
  ) {
    this.name = options.name ?? KAFKA_RELAY_PROCESSOR;
    this.metrics = options.metrics ?? new RelayMetrics();
    this.backoff = options.backoff ?? new Backoff();
  }

  async handle(events: readonly GlobalEvent[]): Promise<void> {
    if (this.closed) throw new RetryablePublishError('the Kafka relay is closed');
    const run = this.publish(events);
    this.inFlight = run.catch(() => undefined);
    await run;
  }

  /** Stops at once: a pause in backoff ends, the batch in flight fails (so its checkpoint stays), later batches are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.backoff.cancel();
    await this.inFlight;
  }

  private async publish(events: readonly GlobalEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.metrics.onBatchStarted(events[0].recordedAt);
    await this.backoff.wait();
    if (this.closed) throw new RetryablePublishError('the Kafka relay is closed');
    const { topicPrefix } = this.options;
    try {
      const messages: IntegrationMessage[] = [];
      const sources: GlobalEvent[] = [];
      const dead: { event: GlobalEvent; reason: string; error: string }[] = [];
      for (const event of events) {
        const mapped = toIntegrationMessage(event, topicPrefix);
        if (mapped.ok) {
          messages.push(mapped.message);
          sources.push(event);
        } else dead.push({ event, reason: mapped.reason, error: mapped.error });
      }
      const { rejected } = await this.publisher.publishBatch(messages);
      for (const { index, reason, error } of rejected) dead.push({ event: sources[index], reason, error });
      if (dead.length) await this.deadLetter(dead);

      const refused = new Set(rejected.map(({ index }) => index));
      messages.forEach((message, index) => refused.has(index) || this.metrics.onPublished(message.topic, 1));
    } catch (error) {
      this.backoff.failed();
      const message = (error as Error).message;
      this.metrics.onBatchFailed(message);
      this.options.logger?.warn(
        {
          err: error,
          processor: this.name,
          fromPosition: events[0].position,
          consecutiveFailures: this.backoff.consecutiveFailures,
          nextDelayMs: this.backoff.nextDelayMs(),
        },
        'Kafka relay: publish failed; the batch will be retried after a backoff',
      );
      throw error;
    }
    this.backoff.succeeded();
    const last = events[events.length - 1];
    this.metrics.onBatchAcknowledged(last.position, last.recordedAt);
  }

  private async deadLetter(dead: readonly { event: GlobalEvent; reason: string; error: string }[]): Promise<void> {
    const letters = dead.map(({ event, reason, error }) =>
      toDeadLetter(event, this.options.topicPrefix, reason, error),
    );
    const { rejected } = await this.publisher.publishBatch(letters);
    if (rejected.length) {
      // A dead letter is small and carries no data; if even that is refused, something is wrong with the broker's limits.
      throw new RetryablePublishError(
        `the dead-letter topic refused ${rejected.length} letter(s): ${rejected[0].error}`,
      );
    }
    for (const { event, reason, error } of dead) {
      this.metrics.onDeadLettered(reason);
      this.options.logger?.error(
        {
          processor: this.name,
          eventId: event.eventId,
          type: event.type,
          streamId: event.streamId,
          version: event.version,
          position: event.position,
          reason,
          error,
        },
        'Kafka relay: event could not be published and went to the dead-letter topic',
      );
    }
  }
}
