/** What GET /console/config.json says about signing in (apps/api/src/console/console-options.ts). */
export type SignInConfig =
  | { readonly mode: 'development' }
  | { readonly mode: 'oidc'; readonly authority: string; readonly clientId: string; readonly scope: string }
  | { readonly mode: 'unconfigured' };

let loaded: Promise<SignInConfig> | undefined;

export function signInConfig(): Promise<SignInConfig> {
  loaded ??= fetch(`${import.meta.env.BASE_URL}config.json`, { headers: { accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(`config.json: ${response.status}`);
      return response.json() as Promise<{ signIn: SignInConfig }>;
    })
    .then((config) => config.signIn);
  return loaded;
}
