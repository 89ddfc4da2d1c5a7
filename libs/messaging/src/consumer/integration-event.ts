import { CE } from '../integration-events/cloudevents';

/** A received integration event, as a consumer sees it (CloudEvents attributes plus data). */
export interface IntegrationEvent<Data = Record<string, unknown>> {
  readonly id: string;
  /** `koproduktiv.<category>.<EventType>` */
  readonly type: string;
  /** The domain event type, e.g. `RequestSubmitted`. */
  readonly eventType: string;
  readonly source: string;
  /** The stream id, e.g. `case-0195…`; also the record key. */
  readonly subject: string;
  /** Business time (occurredAt). */
  readonly time: string;
  readonly tenant: string;
  readonly schemaVersion: number;
  readonly streamVersion: number;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly data: Data;
}

/** A Kafka record as kafkajs (and most clients) hand it over. */
export interface ReceivedRecord {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
}

export class NotAnIntegrationEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAnIntegrationEventError';
  }
}

export function headerValue(record: ReceivedRecord, name: string): string | undefined {
  const raw = record.headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

/** Reads a CloudEvents binary-mode record; throws NotAnIntegrationEventError when a required attribute is missing. */
export function parseIntegrationEvent<Data = Record<string, unknown>>(record: ReceivedRecord): IntegrationEvent<Data> {
  const get = (name: string) => {
    const value = headerValue(record, name);
    if (value === undefined) throw new NotAnIntegrationEventError(`record has no ${name} header`);
    return value;
  };
  const type = get(CE.type);
  const correlationId = headerValue(record, CE.correlationid);
  const causationId = headerValue(record, CE.causationid);
  return {
    id: get(CE.id),
    type,
    eventType: type.slice(type.lastIndexOf('.') + 1),
    source: get(CE.source),
    subject: get(CE.subject),
    time: get(CE.time),
    tenant: get(CE.tenant),
    schemaVersion: Number(get(CE.schemaversion)),
    streamVersion: Number(headerValue(record, CE.streamversion) ?? 0),
    ...(correlationId ? { correlationId } : {}),
    ...(causationId ? { causationId } : {}),
    data: JSON.parse(record.value === null ? 'null' : record.value.toString()) as Data,
  };
}
