export type AuthenticationRejectedCode = 'AUTH.UNAUTHENTICATED' | 'AUTH.TOKEN_WITHOUT_EXPIRY';

/**
 * A request whose bearer token (or its absence) the service does not accept. Says nothing of HTTP:
 * the API's problem-mapping.ts answers it 401.
 */
export class AuthenticationRejected extends Error {
  override readonly name = 'AuthenticationRejected';

  constructor(
    readonly code: AuthenticationRejectedCode,
    /** What was wrong with this token, for the client. */
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const unauthorized = (detail: string) => new AuthenticationRejected('AUTH.UNAUTHENTICATED', detail);

export const tokenWithoutExpiry = () =>
  new AuthenticationRejected(
    'AUTH.TOKEN_WITHOUT_EXPIRY',
    'The bearer token has no expiry (exp); tokens that never expire are refused',
  );
