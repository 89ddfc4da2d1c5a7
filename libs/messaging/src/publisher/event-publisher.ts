import type { IntegrationMessage } from '../integration-events/cloudevents';

/**
 * Why a message can never be published, whatever the retries: the broker (or the publisher's own
 * size check) refuses this message itself. Everything else (broker down, timeouts, leadership
 * changes, authorisation) is retryable: the relay pauses and tries again.
 */
export type PermanentReason =
  'MESSAGE_TOO_LARGE' | 'INVALID_RECORD' | 'CORRUPT_MESSAGE' | 'INVALID_TIMESTAMP' | 'NO_INTEGRATION_SCHEMA';

export interface RejectedMessage {
  /** Index of the message in the batch handed to publishBatch. */
  readonly index: number;
  readonly reason: PermanentReason;
  readonly error: string;
}

export interface PublishOutcome {
  /** Messages refused for good; every other message of the batch was acknowledged. */
  readonly rejected: readonly RejectedMessage[];
}

/** The batch could not be published now; some messages may have been written (at-least-once). */
export class RetryablePublishError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RetryablePublishError';
  }
}

/**
 * The port the relay publishes through (kafkajs today; a KafkaJS-compatible client later is one
 * more adapter). publishBatch resolves only after the broker acknowledged every message it
 * accepted (acks from all in-sync replicas), in order: messages with the same key are written in
 * the order given. It rejects with RetryablePublishError when the broker cannot be reached or
 * refuses for a reason that may pass; the caller publishes the batch again later.
 */
export interface EventPublisher {
  publishBatch(messages: readonly IntegrationMessage[]): Promise<PublishOutcome>;
  close(): Promise<void>;
}
