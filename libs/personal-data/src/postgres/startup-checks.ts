import type { Pool } from 'pg';
import { KeyEncryptionKey } from '../keys/key-encryption-key';
import { KeyEncryptionKeyError } from '../keys/load-key-encryption-key';

export class PlaintextStoreError extends Error {
  override readonly name = 'PlaintextStoreError';
  constructor() {
    super(
      'This event store was written before Koproduktiv sealed personal data: contacts and narratives are stored in plain text. ' +
        'The service does not start on it, so that nothing is mixed. Encrypt them once (it re-seals the hash chains and records that in the audit history): ' +
        'npm run cli -- store encrypt-personal-data',
    );
  }
}

/** Does the store hold data keys already? Then a missing embedded key-encryption key must not be replaced by a new one. */
export async function hasDataKeys(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM kp_data_keys LIMIT 1');
  return rows.length > 0;
}

export async function assertStoreSealed(pool: Pool): Promise<void> {
  const { rows } = await pool.query('SELECT 1 FROM kp_store_format');
  if (rows.length === 0) throw new PlaintextStoreError();
}

/**
 * The configured key-encryption key must be the one that wrapped the stored data keys, proven by
 * unwrapping one: with a wrong key nothing could be read, and new data would be sealed under two keys.
 */
export async function assertKeyEncryptionKeyMatches(pool: Pool, kek: KeyEncryptionKey, setting: string): Promise<void> {
  const { rows } = await pool.query<{ kek_id: string; wrapped: Buffer }>(
    `SELECT DISTINCT ON (kek_id) kek_id, wrapped FROM kp_data_keys WHERE wrapped IS NOT NULL ORDER BY kek_id`,
  );
  const others = rows.filter((row) => row.kek_id !== kek.id).map((row) => row.kek_id);
  if (others.length) {
    throw new KeyEncryptionKeyError(
      `${setting}: this key (${kek.id}) did not wrap the store's data keys (wrapped by ${others.join(', ')}); point the setting at that key, or rotate with npm run cli -- keys rotate`,
    );
  }
  const [sample] = rows;
  if (!sample) return;
  try {
    kek.unwrap(sample.wrapped);
  } catch {
    throw new KeyEncryptionKeyError(`${setting}: the key's id matches but it does not open the store's data keys`);
  }
}
