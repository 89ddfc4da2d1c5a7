import { parseArgs } from 'node:util';
import { issueDevToken, loadOrCreateJwtSecret, ROLES, TENANT_PATTERN } from '@koproduktiv/platform';
import { CliError } from '../cli-error';
import { cliConfig } from '../config';

export const tokenHelp = `Usage: npm run token -- --tenant <id> --roles <r1,r2> [--sub <subject>] [--ttl <seconds>]

Prints a bearer token for the embedded default (HS256, secret in DATA_DIR/jwt.secret).
The token alone is the last line of stdout, so TOKEN=$(npm run -s token -- ... | tail -n1) works.
Roles: ${ROLES.join(', ')}. Production deployments get tokens from their identity provider instead.`;

export async function tokenCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${tokenHelp}\n`);
  const tenant = values.tenant ?? '';
  if (!TENANT_PATTERN.test(tenant))
    throw new CliError(`--tenant must match ${TENANT_PATTERN} (e.g. musterstadt)\n\n${tokenHelp}`);
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length)
    throw new CliError(
      `--roles must list one or more of ${ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0))
    throw new CliError('--ttl must be a positive number of seconds');
  const config = cliConfig().app;
  if (config.JWT_JWKS_URL)
    throw new CliError('JWT_JWKS_URL is set: tokens come from your identity provider, not from this command');
  const secret = await loadOrCreateJwtSecret(config.dataDir);
  const subject = values.sub ?? `${roles[0]}@${tenant}`;
  process.stdout.write(`# tenant ${tenant}, roles ${roles.join(',')}, subject ${subject}\n`);
  process.stdout.write(`${await issueDevToken(secret, { tenant, roles, subject, ttlSeconds })}\n`);
}
