/**
 * A minimal OpenID provider on loopback for the console's OIDC test: discovery, an authorization
 * endpoint that approves at once (no login form), a token endpoint that checks PKCE (S256) and the
 * redirect URI, and a JWKS with one RS256 key. Its tokens carry the claims the API reads (tenant, roles).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeOidc {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** Access tokens issued, in order. */
  readonly issued: string[];
  /** Token requests refused, with the reason. */
  readonly refused: string[];
  close(): Promise<void>;
}

interface Grant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | null;
}

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });

export async function startFakeOidc(options: {
  clientId: string;
  audience: string;
  tenant: string;
  roles: string[];
}): Promise<FakeOidc> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const issued: string[] = [];
  const refused: string[] = [];
  let issuer = '';
  const json = (response: ServerResponse, status: number, value: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const sign = (claims: Record<string, unknown>, audience: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('oidc-analyst')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  const server = createServer(async (request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type, authorization');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (
        q.get('client_id') !== options.clientId ||
        q.get('response_type') !== 'code' ||
        q.get('code_challenge_method') !== 'S256'
      )
        return json(response, 400, { error: 'invalid_request' });
      const code = randomUUID();
      grants.set(code, {
        clientId: q.get('client_id') as string,
        redirectUri: q.get('redirect_uri') as string,
        challenge: q.get('code_challenge') as string,
        nonce: q.get('nonce'),
      });
      const back = new URL(q.get('redirect_uri') as string);
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state') as string);
      return void response.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await body(request));
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const reason = !grant
        ? 'unknown or used code'
        : form.get('grant_type') !== 'authorization_code'
          ? 'grant_type'
          : form.get('redirect_uri') !== grant.redirectUri
            ? 'redirect_uri'
            : createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
              ? 'PKCE verifier does not match the challenge'
              : null;
      if (reason || !grant) {
        refused.push(reason ?? 'no grant');
        return json(response, 400, { error: 'invalid_grant', error_description: reason });
      }
      const accessToken = await sign({ tenant: options.tenant, roles: options.roles }, options.audience);
      issued.push(accessToken);
      const idToken = await sign(grant.nonce ? { nonce: grant.nonce } : {}, grant.clientId);
      return json(response, 200, {
        access_token: accessToken,
        id_token: idToken,
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    issued,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
