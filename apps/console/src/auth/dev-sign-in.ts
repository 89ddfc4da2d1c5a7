import { api, ok } from '../api/client';
import type { components } from '../api/generated/koproduktiv-api';
import { sessionFromToken, setSession } from './session';

/** POST /v1/dev/sign-in: exists only on the embedded default (the service's HS256 secret). */
export async function devSignIn(tenant: string, roles: components['schemas']['DevSignInDto']['roles']): Promise<void> {
  const { accessToken } = ok(await api.POST('/v1/dev/sign-in', { body: { tenant, roles } }));
  setSession(sessionFromToken(accessToken, 'development'));
}
