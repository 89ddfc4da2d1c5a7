/** @koproduktiv/messaging: integration events to Kafka (relay, envelope, published fields) and the consumer side. */
export * from './integration-events/published-fields';
export * from './integration-events/topics';
export * from './integration-events/cloudevents';
export * from './publisher/event-publisher';
export * from './kafka/classify';
export * from './kafka/kafkajs-publisher';
export * from './relay/backoff';
export * from './relay/relay-metrics';
export * from './relay/dead-letter';
export * from './relay/kafka-relay';
export * from './relay/create-kafka-relay';
export * from './consumer/integration-event';
export * from './consumer/dedup';
export * from './integration-events/field-table';
export * from './reminders/reminder-message';
export * from './reminders/reminder-ledger';
