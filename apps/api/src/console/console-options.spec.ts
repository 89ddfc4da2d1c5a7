import { consoleSignIn, devSignInAllowed } from './console-options';
import { contentSecurityPolicy } from './mount-console';

const base = {
  JWT_JWKS_URL: undefined,
  JWT_ISSUER: undefined,
  HOST: '127.0.0.1',
  OIDC_ISSUER: undefined,
  OIDC_CLIENT_ID: undefined,
  OIDC_SCOPE: 'openid',
} as Parameters<typeof consoleSignIn>[0];

describe('how the console signs in', () => {
  it('development sign-in only on the embedded default (HS256) on loopback', () => {
    expect(consoleSignIn(base)).toEqual({ mode: 'development' });
    expect(devSignInAllowed({ ...base, HOST: '::1' })).toBe(true);
    expect(devSignInAllowed({ ...base, HOST: '0.0.0.0' })).toBe(false);
    expect(consoleSignIn({ ...base, HOST: '0.0.0.0' })).toEqual({ mode: 'unconfigured' });
    expect(devSignInAllowed({ ...base, JWT_JWKS_URL: 'https://idp.example/certs' })).toBe(false);
  });

  it('OIDC with a client id and JWKS; the issuer defaults to JWT_ISSUER', () => {
    const jwks = {
      ...base,
      JWT_JWKS_URL: 'https://idp.example/realms/k/certs',
      JWT_ISSUER: 'https://idp.example/realms/k',
    };
    expect(consoleSignIn(jwks)).toEqual({ mode: 'unconfigured' });
    expect(consoleSignIn({ ...jwks, OIDC_CLIENT_ID: 'console' })).toEqual({
      mode: 'oidc',
      authority: 'https://idp.example/realms/k',
      clientId: 'console',
      scope: 'openid',
    });
    expect(consoleSignIn({ ...jwks, OIDC_CLIENT_ID: 'console', OIDC_ISSUER: 'https://login.example/k' })).toMatchObject(
      {
        authority: 'https://login.example/k',
      },
    );
  });

  it("lets the provider's origin, and nothing else of another origin, into the policy", () => {
    const development = contentSecurityPolicy({ mode: 'development' });
    expect(development).toContain("connect-src 'self';");
    expect(development).not.toMatch(/unsafe|https?:/);
    const oidc = contentSecurityPolicy({
      mode: 'oidc',
      authority: 'https://idp.example/realms/k',
      clientId: 'c',
      scope: 'openid',
    });
    expect(oidc).toContain("connect-src 'self' https://idp.example;");
    expect(oidc).toContain("form-action 'self' https://idp.example;");
    expect(oidc).toContain("script-src 'self';");
  });
});
