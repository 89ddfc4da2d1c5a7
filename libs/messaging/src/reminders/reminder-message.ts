import { createHash } from 'node:crypto';
import type { ReminderOccasion, ReminderTransition } from '@koproduktiv/metrics';
import {
  CE,
  CE_SPEC_VERSION,
  cloudEventSource,
  IntegrationMessage,
  JSON_CONTENT_TYPE,
} from '../integration-events/cloudevents';
import { TOPIC_VERSION } from '../integration-events/topics';

/** `<prefix>.reminder.v1`: the reminders of every municipality, keyed by case stream. */
export const reminderTopic = (prefix: string) => `${prefix}.reminder.${TOPIC_VERSION}`;

/** `ce_type` of a reminder: `koproduktiv.reminder.due` or `koproduktiv.reminder.overdue`. */
export const reminderType = (transition: ReminderTransition) => `koproduktiv.reminder.${transition}`;

/**
 * What a reminder publishes: ids, dates and enumerations of a worklist item. No personal data and
 * no free text — not even the case's title: a municipality's systems look the case up by its id.
 */
export interface ReminderData {
  readonly caseId: string;
  readonly kind: string;
  /** The commitment's, agreement's or (proof of use) funding application's id; null for items about the case as a whole. */
  readonly refId: string | null;
  readonly dueOn: string | null;
  readonly dueAt: string;
  readonly unitId: string | null;
  readonly staffRef: string | null;
  readonly promisor: string | null;
  readonly hurts: string;
}

export interface Reminder {
  /** Derived from tenant, item, due time and transition: the same reminder always has the same id. */
  readonly id: string;
  readonly tenant: string;
  readonly transition: ReminderTransition;
  readonly data: ReminderData;
}

/**
 * A UUID (version 8, RFC 9562: custom) from the SHA-256 of what identifies a reminder. A due date
 * moved (renegotiated, or by a wait for the initiative) is a new due time, so a new reminder.
 */
export function reminderId(tenant: string, transition: ReminderTransition, data: ReminderData): string {
  const hex = createHash('sha256')
    .update(
      JSON.stringify(['koproduktiv.reminder', tenant, transition, data.caseId, data.kind, data.refId, data.dueAt]),
    )
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function reminderOf(tenant: string, { transition, item }: ReminderOccasion): Reminder {
  const data: ReminderData = {
    caseId: item.caseId,
    kind: item.kind,
    refId: item.refId,
    dueOn: item.dueOn,
    dueAt: item.dueAt,
    unitId: item.unitId,
    staffRef: item.staffRef,
    promisor: item.promisor,
    hurts: item.hurts,
  };
  return { id: reminderId(tenant, transition, data), tenant, transition, data };
}

/** The reminder as a CloudEvent (Kafka binding, binary mode); `time` = when a scheduler first noticed it. */
export function toReminderMessage(reminder: Reminder, noticedAt: Date, topicPrefix: string): IntegrationMessage {
  const subject = `case-${reminder.data.caseId}`;
  return {
    topic: reminderTopic(topicPrefix),
    key: subject,
    value: Buffer.from(JSON.stringify(reminder.data), 'utf8'),
    headers: {
      [CE.specversion]: CE_SPEC_VERSION,
      [CE.id]: reminder.id,
      [CE.source]: cloudEventSource(reminder.tenant),
      [CE.type]: reminderType(reminder.transition),
      [CE.subject]: subject,
      [CE.time]: noticedAt.toISOString(),
      [CE.contentType]: JSON_CONTENT_TYPE,
      [CE.tenant]: reminder.tenant,
    },
  };
}
