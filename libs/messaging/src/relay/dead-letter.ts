import type { RecordedEvent } from '@koproduktiv/event-store';
import { CE, envelopeHeaders, IntegrationMessage } from '../integration-events/cloudevents';
import { categoryOf, deadLetterTopic, topicFor } from '../integration-events/topics';

/** Headers a dead letter carries on top of the event's CloudEvents headers. */
export const DEAD_LETTER = {
  reason: 'kp_deadletter_reason',
  error: 'kp_deadletter_error',
  topic: 'kp_deadletter_topic',
  position: 'kp_deadletter_position',
} as const;

/**
 * A dead letter: the event's envelope (id, type, subject, tenant …) and why it could not be
 * published. Never its data: the data is what could not be sent, or what has no integration
 * schema, and the dead-letter topic is as public as every other. Operators find the event by
 * `ce_id` in the store; its stream's later events carry on on the normal topic, so consumers see a
 * gap in `ce_streamversion`.
 */
export function toDeadLetter(
  event: RecordedEvent,
  topicPrefix: string,
  reason: string,
  error: string,
): IntegrationMessage {
  const topic = topicFor(topicPrefix, categoryOf(event.type, event.streamId));
  const headers = envelopeHeaders(event);
  const value = {
    reason,
    error,
    topic,
    eventId: event.eventId,
    type: event.type,
    tenant: event.tenant,
    streamId: event.streamId,
    streamVersion: event.version,
    position: event.position,
  };
  return {
    topic: deadLetterTopic(topicPrefix),
    key: event.streamId,
    value: Buffer.from(JSON.stringify(value), 'utf8'),
    headers: {
      ...headers,
      [CE.contentType]: 'application/json; charset=utf-8',
      [DEAD_LETTER.reason]: reason,
      [DEAD_LETTER.error]: error.slice(0, 500),
      [DEAD_LETTER.topic]: topic,
      [DEAD_LETTER.position]: String(event.position),
    },
  };
}
