import { randomBytes } from 'node:crypto';
import { DEV_AUDIENCE, DEV_ISSUER, issueDevToken } from './dev-secret';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier (HS256)', () => {
  const secret = new Uint8Array(randomBytes(32));
  const verifier = new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });

  it('turns a valid token into a principal, the same again from its cache', async () => {
    const token = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk', 'nonsense'], subject: 'k.schulte' });
    const expected = { subject: 'k.schulte', tenant: 'musterstadt', roles: ['clerk'] };
    expect(await verifier.verify(token)).toEqual(expected);
    expect(await verifier.verify(token)).toEqual(expected);
  });

  it('refuses a token once it has expired, even if it was verified before and the cache would still keep it', async () => {
    const token = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk'], ttlSeconds: 60 });
    await verifier.verify(token);
    await expect(verifier.verify(token, Date.now() + 61_000)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses other secrets, other audiences and a missing tenant', async () => {
    const other = await issueDevToken(new Uint8Array(randomBytes(32)), { tenant: 'musterstadt', roles: ['clerk'] });
    await expect(verifier.verify(other)).rejects.toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    const strict = new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: 'another-api' });
    await expect(strict.verify(await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk'] }))).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify(await issueDevToken(secret, { tenant: 'Muster Stadt', roles: ['clerk'] }))).rejects.toMatchObject({ status: 401 });
  });
});
