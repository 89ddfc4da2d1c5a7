import { problemDetail } from '../api/client';
import { sessionFromToken, setSession } from './session';

/** POST /v1/dev/sign-in: exists only on the embedded default (the service's HS256 secret). */
export async function devSignIn(tenant: string, roles: string[]): Promise<void> {
  const response = await fetch('/v1/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ tenant, roles }),
  });
  if (!response.ok) throw new Error(await problemDetail(response));
  const { accessToken } = (await response.json()) as { accessToken: string };
  setSession(sessionFromToken(accessToken, 'development'));
}
