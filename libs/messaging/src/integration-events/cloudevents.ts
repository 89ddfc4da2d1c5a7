import type { RecordedEvent } from '@koproduktiv/event-store';
import { publishedData } from './published-fields';
import { categoryOf, topicFor } from './topics';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the attributes travel as `ce_`
 * headers, the data is the record value (JSON), `content-type` names its media type. Extension
 * attributes (lowercase alphanumerics by the spec): tenant, schemaversion, streamversion,
 * correlationid, causationid.
 */
export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  tenant: 'ce_tenant',
  schemaversion: 'ce_schemaversion',
  streamversion: 'ce_streamversion',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  contentType: 'content-type',
} as const;

export const CE_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** `ce_type`: `koproduktiv.<category>.<EventType>`, e.g. `koproduktiv.case.RequestSubmitted`. */
export const cloudEventType = (category: string, type: string) => `koproduktiv.${category}.${type}`;

/** `ce_source`: the municipality the event belongs to. */
export const cloudEventSource = (tenant: string) => `/koproduktiv/tenants/${encodeURIComponent(tenant)}`;

/** One record for the broker: key = stream id, so all events of a stream share a partition and stay in order. */
export interface IntegrationMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a message was made from, for logs and dead letters (never sent as is). */
export interface MessageOrigin {
  readonly eventId: string;
  readonly type: string;
  readonly tenant: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

export type MappingResult =
  | { readonly ok: true; readonly message: IntegrationMessage }
  | { readonly ok: false; readonly reason: 'NO_INTEGRATION_SCHEMA'; readonly error: string };

/** Maps a stored event to its integration message; events without an integration schema are refused, never passed through. */
export function toIntegrationMessage(event: RecordedEvent, topicPrefix: string): MappingResult {
  const data = publishedData(event.type, event.data);
  if (!data)
    return { ok: false, reason: 'NO_INTEGRATION_SCHEMA', error: `event type ${event.type} has no integration schema` };
  const category = categoryOf(event.type, event.streamId);
  return {
    ok: true,
    message: {
      topic: topicFor(topicPrefix, category),
      key: event.streamId,
      value: Buffer.from(JSON.stringify(data), 'utf8'),
      headers: envelopeHeaders(event, category),
    },
  };
}

export function envelopeHeaders(
  event: RecordedEvent,
  category = categoryOf(event.type, event.streamId),
): Record<string, string> {
  return {
    [CE.specversion]: CE_SPEC_VERSION,
    [CE.id]: event.eventId,
    [CE.source]: cloudEventSource(event.tenant),
    [CE.type]: cloudEventType(category, event.type),
    [CE.subject]: event.streamId,
    [CE.time]: event.occurredAt.toISOString(),
    [CE.contentType]: JSON_CONTENT_TYPE,
    [CE.tenant]: event.tenant,
    [CE.schemaversion]: String(event.schemaVersion),
    [CE.streamversion]: String(event.version),
    [CE.correlationid]: event.metadata.correlationId,
    [CE.causationid]: event.metadata.causationId,
  };
}

export const originOf = (event: RecordedEvent): MessageOrigin => ({
  eventId: event.eventId,
  type: event.type,
  tenant: event.tenant,
  streamId: event.streamId,
  version: event.version,
  position: event.position,
});
