import { createSecretKey } from 'node:crypto';
import { tokenWithoutExpiry, unauthorized } from './authentication-rejected';
import { Principal, Role, ROLES, TENANT_PATTERN } from './principal';

export interface TokenVerifierOptions {
  /** HS256 shared secret (embedded default). */
  readonly secret?: Uint8Array;
  /** OIDC issuer's JWKS (production): RS256/ES256 tokens. */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** After fetching the JWKS, how long a token with an unknown key id waits for the next fetch (jose's default: 30 s). */
  readonly jwksCooldownMs?: number;
}

const CACHE_SIZE = 1000;

/**
 * Verifies bearer tokens and turns their claims into a Principal; rejects anything incomplete,
 * a token without an expiry (exp) included.
 * A verified token is remembered until it expires (at most 1000 of them), so a client sending the
 * same token with every request pays for the signature check once.
 */
export class TokenVerifier {
  private key: Promise<Parameters<typeof import('jose').jwtVerify>[1]>;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    if (!options.secret && !options.jwksUrl) throw new Error('A token verifier needs a secret or a JWKS URL');
    this.algorithms = options.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'];
    // A KeyObject made once: given raw bytes, jose would import the key again for every token.
    this.key = import('jose').then((jose) =>
      options.jwksUrl
        ? jose.createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: options.jwksCooldownMs })
        : createSecretKey(options.secret as Uint8Array),
    );
  }

  async verify(token: string, now = Date.now()): Promise<Principal> {
    const remembered = this.verified.get(token);
    if (remembered && remembered.expiresAt > now) return remembered.principal;
    if (remembered) this.verified.delete(token);
    const { jwtVerify } = await import('jose');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        currentDate: new Date(now),
        // A token that never expires would stay valid after the person left; the issuer must set exp.
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const { claim, reason } = error as { claim?: string; reason?: string };
      if (claim === 'exp' && reason === 'missing') throw tokenWithoutExpiry();
      throw unauthorized(`The bearer token was rejected: ${(error as Error).message}`);
    }
    const principal = principalFrom(payload);
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    // Never past the token's own expiry, and re-checked at least every 5 minutes.
    this.verified.set(token, { principal, expiresAt: Math.min((payload.exp as number) * 1000, now + 5 * 60_000) });
    return principal;
  }
}

function principalFrom(claims: Record<string, unknown>): Principal {
  const { sub, tenant, roles, staff_ref: staffRef } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthorized('The token has no subject (sub)');
  if (typeof tenant !== 'string' || !TENANT_PATTERN.test(tenant))
    throw unauthorized('The token has no valid tenant claim');
  const list = typeof roles === 'string' ? roles.split(/[ ,]/) : roles;
  if (!Array.isArray(list)) throw unauthorized('The token has no roles claim');
  const known = list.filter((role): role is Role => ROLES.includes(role as Role));
  if (staffRef === undefined) return { subject: sub, tenant, roles: known };
  if (typeof staffRef !== 'string' || !staffRef || staffRef.length > 128)
    throw unauthorized("The token's staff_ref claim is not a staff reference (1 to 128 characters)");
  return { subject: sub, tenant, roles: known, staffRef };
}
