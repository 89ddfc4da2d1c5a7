import type { UserManager } from 'oidc-client-ts';
import type { SignInConfig } from './sign-in-config';
import { sessionFromToken, setSession } from './session';

export const CALLBACK_PATH = 'callback';

let manager: Promise<UserManager> | undefined;

/**
 * Authorization code with PKCE through oidc-client-ts, loaded only when OIDC is configured. Its
 * state (the PKCE verifier) and the user are kept in sessionStorage, like the session; no silent
 * renew in an iframe (the CSP forbids frames): when the token expires, the user signs in again.
 */
function userManager(config: Extract<SignInConfig, { mode: 'oidc' }>): Promise<UserManager> {
  manager ??= import('oidc-client-ts').then(
    ({ UserManager, WebStorageStateStore }) =>
      new UserManager({
        authority: config.authority,
        client_id: config.clientId,
        scope: config.scope,
        redirect_uri: `${location.origin}${import.meta.env.BASE_URL}${CALLBACK_PATH}`,
        post_logout_redirect_uri: `${location.origin}${import.meta.env.BASE_URL}`,
        response_type: 'code',
        automaticSilentRenew: false,
        userStore: new WebStorageStateStore({ store: sessionStorage }),
        stateStore: new WebStorageStateStore({ store: sessionStorage }),
      }),
  );
  return manager;
}

/** A page of the console (a path inside it with its query), never another origin's address. */
const isConsolePage = (path: unknown): path is string =>
  typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith(`/${CALLBACK_PATH}`);

/** Signs in at the provider; `returnTo`, the page asked for (a bookmark), is where the callback leads back to. */
export async function oidcSignIn(config: Extract<SignInConfig, { mode: 'oidc' }>, returnTo: string): Promise<void> {
  await (await userManager(config)).signinRedirect({ state: isConsolePage(returnTo) ? returnTo : '/' });
}

/**
 * On /console/callback: exchanges the code for tokens (the API verifies them against the
 * provider's JWKS); the page to go on to, the one asked for before signing in.
 */
export async function oidcCallback(config: Extract<SignInConfig, { mode: 'oidc' }>): Promise<string> {
  const user = await (await userManager(config)).signinRedirectCallback();
  setSession(sessionFromToken(user.access_token, 'oidc'));
  return isConsolePage(user.state) ? user.state : '/';
}

export async function oidcSignOut(config: Extract<SignInConfig, { mode: 'oidc' }>): Promise<void> {
  const users = await userManager(config);
  await users.removeUser();
  await users.signoutRedirect().catch(() => undefined);
}
