import { startKafkaRelay } from '@koproduktiv/messaging';
import { KafkaConfigError, kafkaOptionsFrom, loadKafkaConfig } from './kafka-config';

describe('loadKafkaConfig', () => {
  it('is off without KAFKA_BROKERS, and the factory then returns nothing', () => {
    expect(loadKafkaConfig({}).enabled).toBe(false);
    expect(loadKafkaConfig({ KAFKA_BROKERS: '' }).enabled).toBe(false);
    expect(kafkaOptionsFrom({})).toBeUndefined();
  });

  it('reads every variable with its defaults', () => {
    const config = loadKafkaConfig({
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'kp',
      KAFKA_SASL_PASSWORD: 'pw',
    });
    expect(config.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config).toMatchObject({
      KAFKA_TOPIC_PREFIX: 'koproduktiv',
      KAFKA_CLIENT_ID: 'koproduktiv-relay',
      KAFKA_SSL: true,
      KAFKA_MAX_MESSAGE_BYTES: 1_000_000,
    });
  });

  it('names every problem at once and never echoes the password', () => {
    let error: KafkaConfigError | undefined;
    try {
      loadKafkaConfig({
        KAFKA_BROKERS: 'kafka',
        KAFKA_TOPIC_PREFIX: 'a b',
        KAFKA_SSL: 'maybe',
        KAFKA_SASL_PASSWORD: 'hunter2',
        KAFKA_MAX_MESSAGE_BYTES: '10',
      });
    } catch (caught) {
      error = caught as KafkaConfigError;
    }
    expect(error).toBeInstanceOf(KafkaConfigError);
    expect(error?.message).toContain('KAFKA_BROKERS must be host:port');
    expect(error?.message).toContain('KAFKA_TOPIC_PREFIX');
    expect(error?.message).toContain('KAFKA_SSL must be true or false');
    expect(error?.message).toContain('KAFKA_MAX_MESSAGE_BYTES');
    expect(error?.message).toContain('must be set together');
    expect(error?.message).not.toContain('hunter2');
  });

  it('builds a relay named kafka-relay when enabled (connecting lazily)', async () => {
    const relay = startKafkaRelay(kafkaOptionsFrom({ KAFKA_BROKERS: '127.0.0.1:1' })!);
    expect(relay?.processor.name).toBe('kafka-relay');
    await relay?.close();
  });
});
