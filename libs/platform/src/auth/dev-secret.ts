import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEV_ISSUER = 'koproduktiv-embedded';
export const DEV_AUDIENCE = 'koproduktiv-api';

/** The embedded default's HS256 secret, generated once into the data directory (mode 0600). */
export async function loadOrCreateJwtSecret(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, 'jwt.secret');
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' }).catch((error) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}

export interface IssueTokenOptions {
  readonly tenant: string;
  readonly roles: readonly string[];
  readonly subject?: string;
  /** Sent as the `staff_ref` claim, as an identity provider may. */
  readonly staffRef?: string;
  readonly ttlSeconds?: number;
}

export async function issueDevToken(
  secret: Uint8Array,
  { tenant, roles, subject = 'dev-user', staffRef, ttlSeconds = 8 * 3600 }: IssueTokenOptions,
): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ tenant, roles: [...roles], ...(staffRef === undefined ? {} : { staff_ref: staffRef }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}
