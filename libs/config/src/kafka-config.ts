import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { KafkaConnectionOptions } from '@koproduktiv/messaging';
import { ConfigError, Environment } from './config-error';
import { emptyToUndefined, fromEnvironment, toNumber } from './environment-class';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0'
        ? false
        : value;

/**
 * The Kafka relay's environment, validated at boot. Without KAFKA_BROKERS the relay is off and
 * nothing else is read. Documented in README.md ("Integration events (Kafka)").
 */
export class KafkaConfig {
  /** Comma-separated bootstrap servers, `host:port[,host:port…]`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS?: string;

  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,100}$/, {
    message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, ".", "_" and "-"',
  })
  KAFKA_TOPIC_PREFIX = 'koproduktiv';

  @IsString()
  KAFKA_CLIENT_ID = 'koproduktiv-relay';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean({ message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL = false;

  /** The broker's message.max.bytes (or less): larger messages go to the dead-letter topic. */
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  KAFKA_MAX_MESSAGE_BYTES = 1_000_000;

  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(60_000)
  KAFKA_BACKOFF_INITIAL_MS = 500;

  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(600_000)
  KAFKA_BACKOFF_MAX_MS = 30_000;

  get enabled(): boolean {
    return !!this.KAFKA_BROKERS;
  }

  get brokers(): string[] {
    return (this.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  }
}

export const KAFKA_CONFIG_KEYS = [
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_PREFIX',
  'KAFKA_CLIENT_ID',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL',
  'KAFKA_MAX_MESSAGE_BYTES',
  'KAFKA_BACKOFF_INITIAL_MS',
  'KAFKA_BACKOFF_MAX_MS',
] as const satisfies readonly (keyof KafkaConfig)[];

export class KafkaConfigError extends ConfigError {
  constructor(problems: readonly string[]) {
    super(problems, 'Invalid Kafka configuration');
    this.name = 'KafkaConfigError';
  }
}

/** Reads and validates the KAFKA_* variables; throws a KafkaConfigError naming every problem at once. */
export function loadKafkaConfig(env: Environment): KafkaConfig {
  const shown = (key: string) => (key === 'KAFKA_SASL_PASSWORD' ? '"[redacted]"' : JSON.stringify(env[key]));
  const { config, problems } = fromEnvironment(KafkaConfig, KAFKA_CONFIG_KEYS, env, shown);
  const sasl = [config.KAFKA_SASL_MECHANISM, config.KAFKA_SASL_USERNAME, config.KAFKA_SASL_PASSWORD];
  if (sasl.some(Boolean) && !sasl.every(Boolean)) {
    problems.push('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be set together');
  }
  if (config.KAFKA_BACKOFF_MAX_MS < config.KAFKA_BACKOFF_INITIAL_MS)
    problems.push('KAFKA_BACKOFF_MAX_MS must not be below KAFKA_BACKOFF_INITIAL_MS');
  if (problems.length) throw new KafkaConfigError(problems);
  return config;
}

/** The relay's options from a validated KafkaConfig. */
export const kafkaOptionsOf = (kafka: KafkaConfig): KafkaConnectionOptions => ({
  brokers: kafka.brokers,
  clientId: kafka.KAFKA_CLIENT_ID,
  topicPrefix: kafka.KAFKA_TOPIC_PREFIX,
  ssl: kafka.KAFKA_SSL,
  ...(kafka.KAFKA_SASL_MECHANISM
    ? {
        sasl: {
          mechanism: kafka.KAFKA_SASL_MECHANISM,
          username: kafka.KAFKA_SASL_USERNAME ?? '',
          password: kafka.KAFKA_SASL_PASSWORD ?? '',
        },
      }
    : {}),
  maxMessageBytes: kafka.KAFKA_MAX_MESSAGE_BYTES,
  backoff: { initialMs: kafka.KAFKA_BACKOFF_INITIAL_MS, maxMs: kafka.KAFKA_BACKOFF_MAX_MS },
});

/** The relay's options from the KAFKA_* variables, or undefined without KAFKA_BROKERS (the relay is off). Throws a KafkaConfigError naming every problem. */
export function kafkaOptionsFrom(env: Environment): KafkaConnectionOptions | undefined {
  const kafka = loadKafkaConfig(env);
  return kafka.enabled ? kafkaOptionsOf(kafka) : undefined;
}
