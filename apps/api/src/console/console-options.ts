import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@koproduktiv/config';

/** How the console signs its users in; sent to it as /console/config.json. */
export type ConsoleSignIn =
  | { readonly mode: 'development' }
  | { readonly mode: 'oidc'; readonly authority: string; readonly clientId: string; readonly scope: string }
  /** Tokens come from an identity provider, but no client id is configured for the console. */
  | { readonly mode: 'unconfigured' };

export interface ConsoleOptions {
  /** The built console (dist/console). */
  readonly dir: string;
  readonly signIn: ConsoleSignIn;
}

/** Where `npm run build` puts the console, seen from the compiled API (dist/apps/api/src/console). */
export const BUILT_CONSOLE_DIR = join(__dirname, '..', '..', '..', '..', 'console');

export const isLoopback = (host: string) => ['127.0.0.1', '::1', 'localhost'].includes(host);

/**
 * The development sign-in exists only on the embedded default: tokens signed with the HS256
 * secret of DATA_DIR, on a loopback interface, so nobody beyond this machine can ask for a token.
 */
export const devSignInAllowed = (config: Pick<AppConfig, 'JWT_JWKS_URL' | 'HOST'>) =>
  !config.JWT_JWKS_URL && isLoopback(config.HOST);

export function consoleSignIn(
  config: Pick<AppConfig, 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'HOST' | 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>,
): ConsoleSignIn {
  const authority = config.OIDC_ISSUER ?? config.JWT_ISSUER;
  if (config.JWT_JWKS_URL && config.OIDC_CLIENT_ID && authority)
    return { mode: 'oidc', authority, clientId: config.OIDC_CLIENT_ID, scope: config.OIDC_SCOPE };
  return devSignInAllowed(config) ? { mode: 'development' } : { mode: 'unconfigured' };
}

/** The console options when the console was built (`npm run build`), else undefined. */
export function builtConsole(signIn: ConsoleSignIn, dir = BUILT_CONSOLE_DIR): ConsoleOptions | undefined {
  return existsSync(join(dir, 'index.html')) ? { dir, signIn } : undefined;
}
