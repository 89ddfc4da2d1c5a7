import { ProblemError } from '../problem';
import { Principal, Role, ROLES, TENANT_PATTERN } from './principal';

export interface TokenVerifierOptions {
  /** HS256 shared secret (embedded default). */
  readonly secret?: Uint8Array;
  /** OIDC issuer's JWKS (production): RS256/ES256 tokens. */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

export const unauthorized = (detail: string) => new ProblemError(401, 'AUTH.UNAUTHENTICATED', 'Authentication required', detail);

/** Verifies bearer tokens and turns their claims into a Principal; rejects anything incomplete. */
export class TokenVerifier {
  private key: Promise<Parameters<typeof import('jose').jwtVerify>[1]>;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    if (!options.secret && !options.jwksUrl) throw new Error('A token verifier needs a secret or a JWKS URL');
    this.algorithms = options.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'];
    this.key = import('jose').then((jose) =>
      options.jwksUrl ? jose.createRemoteJWKSet(new URL(options.jwksUrl)) : (options.secret as Uint8Array),
    );
  }

  async verify(token: string): Promise<Principal> {
    const { jwtVerify } = await import('jose');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
      }));
    } catch (error) {
      throw unauthorized(`The bearer token was rejected: ${(error as Error).message}`);
    }
    return principalFrom(payload);
  }
}

function principalFrom(claims: Record<string, unknown>): Principal {
  const { sub, tenant, roles } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthorized('The token has no subject (sub)');
  if (typeof tenant !== 'string' || !TENANT_PATTERN.test(tenant)) throw unauthorized('The token has no valid tenant claim');
  const list = typeof roles === 'string' ? roles.split(/[ ,]/) : roles;
  if (!Array.isArray(list)) throw unauthorized('The token has no roles claim');
  const known = list.filter((role): role is Role => ROLES.includes(role as Role));
  return { subject: sub, tenant, roles: known };
}
