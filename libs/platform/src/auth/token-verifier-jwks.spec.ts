import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://idp.musterstadt.example/realms/verwaltung';
const AUDIENCE = 'koproduktiv';

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  readonly jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An identity provider's JWKS endpoint over real HTTP; `publish` changes the keys it serves. */
async function startJwksServer() {
  let keys: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
    publish: (...published: SigningKey[]) => void (keys = published.map((key) => key.jwk)),
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function token(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  { expiresInSeconds = 300, withSubject = true } = {},
) {
  const jwt = new SignJWT({ tenant: 'musterstadt', roles: ['clerk'], ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds);
  return (withSubject ? jwt.setSubject('k.schulte') : jwt).sign(key.privateKey);
}

describe('TokenVerifier with an identity provider (JWKS over HTTP)', () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let rsa: SigningKey;
  let ec: SigningKey;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    [jwks, rsa, ec] = await Promise.all([
      startJwksServer(),
      signingKey('rsa-2026-1', 'RS256'),
      signingKey('ec-2026-1', 'ES256'),
    ]);
  });
  beforeEach(() => {
    jwks.publish(rsa, ec);
    verifier = new TokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE, jwksCooldownMs: 0 });
  });
  afterAll(() => jwks.close());

  it('accepts RS256 and ES256 tokens signed by a published key', async () => {
    expect(await verifier.verify(await token(rsa))).toEqual({
      subject: 'k.schulte',
      tenant: 'musterstadt',
      roles: ['clerk'],
    });
    expect(await verifier.verify(await token(ec, { roles: ['analyst', 'auditor'] }))).toEqual({
      subject: 'k.schulte',
      tenant: 'musterstadt',
      roles: ['analyst', 'auditor'],
    });
  });

  it('follows a key rotation: a new key is fetched when a token names it, a withdrawn key is refused', async () => {
    await verifier.verify(await token(rsa));
    const next = await signingKey('rsa-2026-2', 'RS256');
    jwks.publish(next, ec); // the provider rotates: rsa-2026-1 withdrawn, rsa-2026-2 signs from now on
    const fetchesBefore = jwks.fetches();
    expect(await verifier.verify(await token(next, { roles: ['analyst'] }))).toMatchObject({ roles: ['analyst'] });
    expect(jwks.fetches()).toBe(fetchesBefore + 1);
    // A new token by the withdrawn key (one verified before stays remembered until it expires, at most 5 minutes).
    await expect(verifier.verify(await token(rsa, { roles: ['auditor'] }))).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
    });
  });

  it('refuses a token signed by a key the provider never published, and one signed with a shared secret', async () => {
    const stranger = await signingKey(rsa.kid, 'RS256'); // same key id, other key
    await expect(verifier.verify(await token(stranger))).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    const hs256 = await new SignJWT({ tenant: 'musterstadt', roles: ['clerk'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-anyone-could-know-32-bytes!!'));
    await expect(verifier.verify(hs256)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses a remembered token once it has expired, though the cache would keep it for minutes', async () => {
    const shortLived = await token(ec, {}, { expiresInSeconds: 30 });
    const now = Date.now();
    await verifier.verify(shortLived, now);
    expect(await verifier.verify(shortLived, now + 29_000)).toMatchObject({ subject: 'k.schulte' });
    await expect(verifier.verify(shortLived, now + 31_000)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses tokens of other issuers or audiences', async () => {
    const other = new TokenVerifier({
      jwksUrl: jwks.url,
      issuer: 'https://idp.elsewhere.example',
      audience: AUDIENCE,
      jwksCooldownMs: 0,
    });
    await expect(other.verify(await token(rsa))).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    const otherApi = new TokenVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: 'another-api',
      jwksCooldownMs: 0,
    });
    await expect(otherApi.verify(await token(rsa))).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses a token without a subject, tenant or roles', async () => {
    await expect(verifier.verify(await token(rsa, {}, { withSubject: false }))).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
      detail: expect.stringContaining('sub'),
    });
    await expect(verifier.verify(await token(rsa, { tenant: undefined }))).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
      detail: expect.stringContaining('tenant'),
    });
    await expect(verifier.verify(await token(rsa, { roles: undefined }))).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
      detail: expect.stringContaining('roles'),
    });
  });

  it('reads roles given as one string, separated by spaces or commas (as some providers send them)', async () => {
    expect(await verifier.verify(await token(rsa, { roles: 'clerk analyst' }))).toMatchObject({
      roles: ['clerk', 'analyst'],
    });
    expect(await verifier.verify(await token(ec, { roles: 'auditor,clerk' }))).toMatchObject({
      roles: ['auditor', 'clerk'],
    });
    expect(await verifier.verify(await token(ec, { roles: 'root' }))).toMatchObject({ roles: [] });
  });
});
