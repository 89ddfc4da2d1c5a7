import { loadConfig } from './app-config';
import { ConfigError } from './config-error';

describe('loadConfig', () => {
  it('defaults to the embedded PostgreSQL under ./.data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data', LOG_LEVEL: 'info' });
    expect(config.usesEmbeddedPostgres).toBe(true);
  });

  it('reads every variable, the optional ones included', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://kp:pw@db:5432/koproduktiv',
      JWT_JWKS_URL: 'https://keycloak.stadt.de/realms/kp/protocol/openid-connect/certs',
      JWT_ISSUER: 'https://keycloak.stadt.de/realms/kp',
      JWT_AUDIENCE: 'koproduktiv',
      DATABASE_POOL_SIZE: '40',
    });
    expect(config).toMatchObject({ PORT: 8080, DATABASE_POOL_SIZE: 40, JWT_AUDIENCE: 'koproduktiv' });
    expect(config.usesEmbeddedPostgres).toBe(false);
  });

  it('takes the case history cache in MB, 0 turning it off, and refuses a negative or fractional size', () => {
    expect(loadConfig({}).CASE_HISTORY_CACHE_MB).toBe(128);
    expect(loadConfig({ CASE_HISTORY_CACHE_MB: '0' }).CASE_HISTORY_CACHE_MB).toBe(0);
    expect(() => loadConfig({ CASE_HISTORY_CACHE_MB: '-1' })).toThrow(/CASE_HISTORY_CACHE_MB="-1"/);
    expect(() => loadConfig({ CASE_HISTORY_CACHE_MB: '1.5' })).toThrow(
      /CASE_HISTORY_CACHE_MB="1.5": CASE_HISTORY_CACHE_MB must be an integer/,
    );
  });

  it('listens on loopback unless HOST says otherwise, and refuses a HOST that is no address', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).HOST).toBe('::');
    expect(() => loadConfig({ HOST: '0.0.0.0; rm -rf /' })).toThrow(
      /HOST="0.0.0.0; rm -rf \/": HOST must be an IP address or a host name/,
    );
  });

  it('bounds HTTP connections and their timeouts, each configurable and checked', () => {
    expect(loadConfig({})).toMatchObject({
      HTTP_MAX_CONNECTIONS: 4096,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 72_000,
      HTTP_IDLE_TIMEOUT_MS: 120_000,
    });
    expect(loadConfig({ HTTP_MAX_CONNECTIONS: '20000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000' })).toMatchObject({
      HTTP_MAX_CONNECTIONS: 20000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5000,
    });
    let error: ConfigError | undefined;
    try {
      loadConfig({
        HTTP_MAX_CONNECTIONS: '0',
        HTTP_IDLE_TIMEOUT_MS: 'never',
        HTTP_HEADERS_TIMEOUT_MS: '60000',
        HTTP_REQUEST_TIMEOUT_MS: '30000',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error?.problems).toEqual([
      expect.stringContaining('HTTP_MAX_CONNECTIONS="0": HTTP_MAX_CONNECTIONS must not be less than 16'),
      expect.stringContaining('HTTP_IDLE_TIMEOUT_MS="never"'),
      'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)',
    ]);
  });

  it('gives a stop 15 s by default, configurable from 1 s to 10 min', () => {
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_MS).toBe(15_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '2000' }).SHUTDOWN_TIMEOUT_MS).toBe(2000);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '500' })).toThrow(
      /SHUTDOWN_TIMEOUT_MS="500": SHUTDOWN_TIMEOUT_MS must not be less than 1000/,
    );
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'forever' })).toThrow(/SHUTDOWN_TIMEOUT_MS="forever"/);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).usesEmbeddedPostgres).toBe(true);
  });

  it('names every problem at once, one line per variable', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', JWT_JWKS_URL: 'https://idp/jwks' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toHaveLength(4);
    expect(error?.message).toContain('PORT="eighty": PORT must be an integer number');
    expect(error?.message).toContain('DATABASE_URL must be a postgres:// connection string');
    expect(error?.message).toContain('LOG_LEVEL="loud"');
    expect(error?.message).toContain('JWT_ISSUER and JWT_AUDIENCE must be set');
  });
  describe('event store selection', () => {
    it('defaults to PostgreSQL for events', () => {
      expect(loadConfig({}).EVENT_STORE).toBe('postgres');
    });

    it.each([
      'kurrentdb://kurrentdb:2113?tls=false',
      'kurrentdb+discover://admin:changeit@cluster.stadt.de:2113',
      'esdb://localhost:2113?tls=false',
    ])('selects KurrentDB at %s', (url) => {
      const config = loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url });
      expect(config).toMatchObject({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url });
      expect(config.usesEmbeddedPostgres).toBe(true);
    });

    it('requires KURRENTDB_URL when EVENT_STORE=kurrentdb', () => {
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(
        'EVENT_STORE=kurrentdb: KURRENTDB_URL must be set',
      );
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: '' })).toThrow('KURRENTDB_URL must be set');
    });

    it('refuses an unknown store and a URL of another scheme', () => {
      let error: ConfigError | undefined;
      try {
        loadConfig({ EVENT_STORE: 'mongodb', KURRENTDB_URL: 'http://kurrentdb:2113' });
      } catch (caught) {
        error = caught as ConfigError;
      }
      expect(error?.problems).toHaveLength(2);
      expect(error?.message).toContain('EVENT_STORE="mongodb": EVENT_STORE must be postgres or kurrentdb');
      expect(error?.message).toContain('KURRENTDB_URL="http://kurrentdb:2113": KURRENTDB_URL must be a kurrentdb://');
    });
  });
});
