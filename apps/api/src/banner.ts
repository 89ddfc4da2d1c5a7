import type { AppConfig } from '@koproduktiv/config';
import type { ConsoleSignIn } from './console/console-options';

const SIGN_IN: Record<ConsoleSignIn['mode'], string> = {
  development: 'development sign-in: tenant and role',
  oidc: 'sign-in through OIDC_ISSUER',
  unconfigured: 'set OIDC_CLIENT_ID to sign in',
};

/** What `npm start` prints once the service listens: where to go, how to get in. */
export function banner({
  base,
  config,
  databaseUrl,
  console,
}: {
  base: string;
  config: AppConfig;
  databaseUrl?: string;
  /** How the console signs in; absent when it was not built. */
  console?: ConsoleSignIn;
}): string {
  const withDataDir = config.DATA_DIR !== './.data' ? `   (with DATA_DIR=${config.DATA_DIR})` : '';
  return (
    [
      '',
      console
        ? `  Console           ${base}/console/   (${SIGN_IN[console.mode]})`
        : '  Console           not built (npm run build)',
      `  Koproduktiv API   ${base}/docs   (API docs; the routes are under ${base}/v1/…, OpenAPI JSON at ${base}/docs-json)`,
      `  Health            ${base}/health/ready`,
      databaseUrl
        ? `  Get a token       npx koproduktiv token --tenant musterstadt --roles clerk${withDataDir}`
        : '  Tokens            from your identity provider (JWT_JWKS_URL)',
      ...(databaseUrl
        ? [
            `  CLI               npx koproduktiv --help   (finds this running server through DATA_DIR)`,
            `  PostgreSQL        ${databaseUrl.split('?')[0]}`,
            `                    (embedded, for psql and other local tools while the service runs; stopped with it)`,
          ]
        : []),
      '',
    ].join('\n') + '\n'
  );
}
