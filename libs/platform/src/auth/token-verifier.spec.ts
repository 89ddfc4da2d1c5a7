import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_AUDIENCE, DEV_ISSUER, issueDevToken } from './dev-secret';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier (HS256)', () => {
  const secret = new Uint8Array(randomBytes(32));
  const verifier = new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });

  it('turns a valid token into a principal, the same again from its cache', async () => {
    const token = await issueDevToken(secret, {
      tenant: 'musterstadt',
      roles: ['clerk', 'nonsense'],
      subject: 'k.schulte',
    });
    const expected = { subject: 'k.schulte', tenant: 'musterstadt', roles: ['clerk'] };
    expect(await verifier.verify(token)).toEqual(expected);
    expect(await verifier.verify(token)).toEqual(expected);
  });

  it("carries the identity provider's staff_ref claim as the staff reference, and refuses one that is not a string", async () => {
    const token = await issueDevToken(secret, {
      tenant: 'musterstadt',
      roles: ['clerk'],
      subject: '3f6c2a9e-idp-subject',
      staffRef: 'k.schulte',
    });
    expect(await verifier.verify(token)).toEqual({
      subject: '3f6c2a9e-idp-subject',
      tenant: 'musterstadt',
      roles: ['clerk'],
      staffRef: 'k.schulte',
    });
    const { SignJWT } = await import('jose');
    const sign = (staffRef: unknown) =>
      new SignJWT({ tenant: 'musterstadt', roles: ['clerk'], staff_ref: staffRef })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('k.schulte')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setExpirationTime('1h')
        .sign(secret);
    for (const bad of [42, '', 'x'.repeat(129), ['k.schulte']])
      await expect(verifier.verify(await sign(bad))).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses a token once it has expired, even if it was verified before and the cache would still keep it', async () => {
    const token = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk'], ttlSeconds: 60 });
    await verifier.verify(token);
    await expect(verifier.verify(token, Date.now() + 61_000)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses a token without an expiry with its own code, even when everything else is right', async () => {
    const { SignJWT } = await import('jose');
    const forever = await new SignJWT({ tenant: 'musterstadt', roles: ['clerk'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('k.schulte')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .sign(secret);
    await expect(verifier.verify(forever)).rejects.toMatchObject({ code: 'AUTH.TOKEN_WITHOUT_EXPIRY' });
  });

  it('remembers a verified token no longer than its exp, even within the 5 minutes it is otherwise kept', async () => {
    const token = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk'], ttlSeconds: 30 });
    const now = Date.now();
    await verifier.verify(token, now);
    await expect(verifier.verify(token, now + 29_000)).resolves.toMatchObject({ tenant: 'musterstadt' });
    await expect(verifier.verify(token, now + 31_000)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses other secrets, other audiences and a missing tenant', async () => {
    const other = await issueDevToken(new Uint8Array(randomBytes(32)), { tenant: 'musterstadt', roles: ['clerk'] });
    await expect(verifier.verify(other)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    const strict = new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: 'another-api' });
    await expect(
      strict.verify(await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk'] })),
    ).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    await expect(
      verifier.verify(await issueDevToken(secret, { tenant: 'Muster Stadt', roles: ['clerk'] })),
    ).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });
});

describe('TokenVerifier (JWKS, RS256)', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let sign: (claims: Record<string, unknown>, expiresIn?: string) => Promise<string>;

  beforeAll(async () => {
    const { exportJWK, generateKeyPair, SignJWT } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = 'https://idp.example/realms/kp';
    verifier = new TokenVerifier({
      jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`,
      issuer,
      audience: 'koproduktiv',
    });
    sign = (claims, expiresIn) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('k.schulte')
        .setIssuer(issuer)
        .setAudience('koproduktiv')
        .setIssuedAt();
      return (expiresIn ? jwt.setExpirationTime(expiresIn) : jwt).sign(privateKey);
    };
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("accepts the identity provider's token that expires", async () => {
    await expect(verifier.verify(await sign({ tenant: 'musterstadt', roles: ['analyst'] }, '5m'))).resolves.toEqual({
      subject: 'k.schulte',
      tenant: 'musterstadt',
      roles: ['analyst'],
    });
  });

  it('refuses its token without an expiry', async () => {
    await expect(verifier.verify(await sign({ tenant: 'musterstadt', roles: ['analyst'] }))).rejects.toMatchObject({
      code: 'AUTH.TOKEN_WITHOUT_EXPIRY',
    });
  });
});
