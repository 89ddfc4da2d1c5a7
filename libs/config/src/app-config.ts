import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { resolve } from 'node:path';
import type { EventStoreSelection } from '@koproduktiv/event-store';
import { DEFAULT_CASE_HISTORY_CACHE_MB } from '@koproduktiv/projections';
import type { RuntimeSettings } from '@koproduktiv/runtime';
import { ConfigError, Environment } from './config-error';
import { emptyToUndefined, fromEnvironment, toNumber } from './environment-class';

/** The environment the service reads, validated at boot. Documented in README.md ("Configuration"). */
export class AppConfig {
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Loopback by default: the embedded default is for one machine. Production sets it (the container image: 0.0.0.0). */
  @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'HOST must be an IP address or a host name (0.0.0.0 for every interface)' })
  HOST = '127.0.0.1';

  @IsString()
  DATA_DIR = './.data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  /** Where events live. Read models, checkpoints and idempotency keys stay in PostgreSQL either way. */
  @IsIn(['postgres', 'kurrentdb'], { message: 'EVENT_STORE must be postgres or kurrentdb' })
  EVENT_STORE: 'postgres' | 'kurrentdb' = 'postgres';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//, {
    message: 'KURRENTDB_URL must be a kurrentdb://, kurrentdb+discover:// or esdb:// connection string',
  })
  KURRENTDB_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** The console's identity provider (authorization code + PKCE); its tokens are verified through JWT_JWKS_URL. Default: JWT_ISSUER. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  /** The console's public client id at the identity provider; set, the console signs in through OIDC. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'OIDC_CLIENT_ID must be printable ASCII without spaces' })
  OIDC_CLIENT_ID?: string;

  /** Scopes the console asks for. */
  @Matches(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { message: 'OIDC_SCOPE must be scopes separated by single spaces' })
  OIDC_SCOPE = 'openid';

  /**
   * The key-encryption key that wraps the data keys of personal data (32 bytes: raw, base64 or hex).
   * Without it, the key generated into DATA_DIR on a fresh store (the embedded default).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  KEY_ENCRYPTION_KEY_FILE?: string;

  /** apps/projector only: the port of its /health and /metrics. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PROJECTOR_PORT = 9464;

  /** Run the projector (read models, relay) inside this process; production runs apps/projector instead. */
  @Transform(({ value }) =>
    value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1',
  )
  @IsOptional()
  @IsBoolean()
  RUN_PROJECTOR = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 64 * 1024;

  /** Open HTTP connections at most; beyond it the longest-idle connection is closed to let a new one in. Keep it below the process's file limit. */
  @Transform(toNumber)
  @IsInt()
  @Min(16)
  @Max(1_000_000)
  HTTP_MAX_CONNECTIONS = 4096;

  /** Time a client has to send a request's headers, from connecting (or from its last request on a kept-alive connection). */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** Time a client has to send a whole request, body included. */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** How long a kept-alive connection may wait for its next request. Behind a proxy, above the proxy's own idle timeout. */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /** A connection on which nothing moves in either direction for this long is closed (a client that stops reading its answer). */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  HTTP_IDLE_TIMEOUT_MS = 120_000;

  /** How long a stop (SIGINT, SIGTERM) may take; past it the process logs what was still open and exits 3. */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  /** Memory for packed case histories kept by the API between requests for a case's metrics (0: none). */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(64 * 1024)
  CASE_HISTORY_CACHE_MB = DEFAULT_CASE_HISTORY_CACHE_MB;

  get dataDir(): string {
    return resolve(this.DATA_DIR);
  }

  get usesEmbeddedPostgres(): boolean {
    return !this.DATABASE_URL;
  }

  /** The event store's selection as libs/event-store takes it (EVENT_STORE, KURRENTDB_URL). */
  get eventStore(): EventStoreSelection {
    return { kind: this.EVENT_STORE, kurrentDbUrl: this.KURRENTDB_URL };
  }

  /** What libs/runtime wires a process from. */
  get runtime(): RuntimeSettings {
    return {
      dataDir: this.dataDir,
      databaseUrl: this.DATABASE_URL,
      databasePoolSize: this.DATABASE_POOL_SIZE,
      eventStore: this.eventStore,
      keyEncryptionKeyFile: this.KEY_ENCRYPTION_KEY_FILE,
      jwt: this.JWT_JWKS_URL
        ? { jwksUrl: this.JWT_JWKS_URL, issuer: this.JWT_ISSUER, audience: this.JWT_AUDIENCE }
        : undefined,
    };
  }
}

/** Every variable AppConfig reads (optional ones have no initialiser, so they cannot be discovered). */
export const CONFIG_KEYS = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'EVENT_STORE',
  'KURRENTDB_URL',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_SCOPE',
  'KEY_ENCRYPTION_KEY_FILE',
  'LOG_LEVEL',
  'BODY_LIMIT_BYTES',
  'CASE_HISTORY_CACHE_MB',
  'RUN_PROJECTOR',
  'PROJECTOR_PORT',
  'HTTP_MAX_CONNECTIONS',
  'HTTP_HEADERS_TIMEOUT_MS',
  'HTTP_REQUEST_TIMEOUT_MS',
  'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  'HTTP_IDLE_TIMEOUT_MS',
  'SHUTDOWN_TIMEOUT_MS',
] as const satisfies readonly (keyof AppConfig)[];

/** Reads and validates the environment; throws a ConfigError naming every problem at once. */
export function loadConfig(env: Environment): AppConfig {
  const { config, problems } = fromEnvironment(AppConfig, CONFIG_KEYS, env);
  if (config.JWT_JWKS_URL && (!config.JWT_ISSUER || !config.JWT_AUDIENCE)) {
    problems.push(
      'JWT_JWKS_URL is set: JWT_ISSUER and JWT_AUDIENCE must be set too, so that tokens of other issuers or audiences are refused',
    );
  }
  if (config.OIDC_CLIENT_ID && !config.JWT_JWKS_URL) {
    problems.push(
      'OIDC_CLIENT_ID is set: JWT_JWKS_URL (with JWT_ISSUER, JWT_AUDIENCE) must be set too, so that the API verifies the tokens the console signs in with',
    );
  }
  if (config.OIDC_CLIENT_ID && !(config.OIDC_ISSUER ?? config.JWT_ISSUER)) {
    problems.push('OIDC_CLIENT_ID is set: OIDC_ISSUER (or JWT_ISSUER) must name the identity provider');
  }
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push(
      'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)',
    );
  }
  if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL) {
    problems.push('EVENT_STORE=kurrentdb: KURRENTDB_URL must be set (e.g. kurrentdb://kurrentdb:2113?tls=false)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
