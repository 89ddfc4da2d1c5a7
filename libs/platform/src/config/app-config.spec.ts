import { ConfigError, loadConfig } from './app-config';

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
});
