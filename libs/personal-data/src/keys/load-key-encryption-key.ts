import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_BYTES } from '../crypto/aes-gcm';
import { LocalKeyEncryptionKey } from './key-encryption-key';

/** Where the embedded default keeps its generated key-encryption key (beside jwt.secret). */
export const embeddedKeyFile = (dataDir: string) => join(dataDir, 'key-encryption-key');

export class KeyEncryptionKeyError extends Error {
  override readonly name = 'KeyEncryptionKeyError';
}

export interface KeyFileSource {
  /** KEY_ENCRYPTION_KEY_FILE, when set. */
  readonly file?: string;
  readonly dataDir: string;
  /** May a missing embedded key be generated? Only while no data key exists that an earlier key wrapped. */
  readonly mayCreate: boolean;
}

/**
 * The configured key-encryption key: KEY_ENCRYPTION_KEY_FILE (32 bytes, as base64 or 64 hex digits,
 * or raw), else the embedded default's file in DATA_DIR, generated on a fresh store only: a new key
 * on a store with wrapped keys would make all personal data unreadable.
 */
export async function loadKeyEncryptionKey({
  file,
  dataDir,
  mayCreate,
}: KeyFileSource): Promise<LocalKeyEncryptionKey> {
  const path = file ?? embeddedKeyFile(dataDir);
  const setting = file
    ? `KEY_ENCRYPTION_KEY_FILE=${file}`
    : `the embedded key-encryption key ${path} (or set KEY_ENCRYPTION_KEY_FILE)`;
  if (!existsSync(path)) {
    if (file || !mayCreate) {
      throw new KeyEncryptionKeyError(
        `${setting}: the file does not exist, and the store holds personal data sealed by a key-encryption key; without it nothing personal can be read or written`,
      );
    }
    await mkdir(dataDir, { recursive: true });
    await writeFile(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      (error) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  const key = parseKey(await readFile(path));
  if (!key)
    throw new KeyEncryptionKeyError(
      `${setting}: not a 32-byte key (give 32 raw bytes, 44 characters of base64 or 64 hex digits)`,
    );
  return new LocalKeyEncryptionKey(key);
}

function parseKey(content: Buffer): Buffer | undefined {
  if (content.length === KEY_BYTES) return content;
  const text = content.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const base64 = Buffer.from(text, 'base64');
  return base64.length === KEY_BYTES && /^[A-Za-z0-9+/_-]+=*$/.test(text) ? base64 : undefined;
}
