import type { PermanentReason } from '../publisher/event-publisher';

/** Kafka error codes by which the broker refuses a record itself: retrying the same bytes can never succeed. */
const PERMANENT_TYPES: ReadonlySet<string> = new Set<PermanentReason>([
  'MESSAGE_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);
/** RECORD_LIST_TOO_LARGE is about the whole batch: the publisher splits it and judges each record alone. */
const SPLITTABLE_TYPES: ReadonlySet<string> = new Set([...PERMANENT_TYPES, 'RECORD_LIST_TOO_LARGE']);

export type Classified =
  | { readonly kind: 'retryable'; readonly error: string }
  | { readonly kind: 'permanent'; readonly reason: PermanentReason; readonly error: string };

interface KafkaJsLikeError {
  readonly name?: string;
  readonly type?: string;
  readonly message?: string;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

/**
 * Classifies a kafkajs error by the protocol error type anywhere in its chain. kafkajs's own
 * `retriable` flag is not used: it marks a refused connection during an outage as non-retriable,
 * which for a relay is the most retryable failure there is.
 */
export function classifyKafkaError(error: unknown): Classified {
  const message = error instanceof Error ? error.message : String(error);
  for (let e = error as KafkaJsLikeError | undefined, depth = 0; e && typeof e === 'object' && depth < 8; depth += 1) {
    if (e.type && SPLITTABLE_TYPES.has(e.type)) {
      const reason = (PERMANENT_TYPES.has(e.type) ? e.type : 'MESSAGE_TOO_LARGE') as PermanentReason;
      return { kind: 'permanent', reason, error: e.message ?? message };
    }
    e = (e.cause ?? e.originalError) as KafkaJsLikeError | undefined;
  }
  return { kind: 'retryable', error: message };
}
