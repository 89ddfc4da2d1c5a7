import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import {
  assertKeyEncryptionKeyMatches,
  embeddedKeyFile,
  KeyEncryptionKey,
  loadKeyEncryptionKey,
} from '@koproduktiv/personal-data';
import { withTransaction } from '@koproduktiv/platform';
import { CliError } from '../../cli-error';
import { withDatabase } from './database';

export const keysHelp = `Usage: koproduktiv keys rotate [--new-key-file <file>]

Rotates the key-encryption key: every data key is unwrapped with the current key
(KEY_ENCRYPTION_KEY_FILE, else DATA_DIR/key-encryption-key) and wrapped with the new one, in one
transaction. Events are not touched; hashes and exports stay valid.

  --new-key-file <file>   the new key (32 bytes: raw, base64 or 64 hex digits, e.g. from
                          "openssl rand -base64 32"). Then point KEY_ENCRYPTION_KEY_FILE at it and
                          destroy the old key once no process uses it.
  (without it)            embedded default: a new key is generated and replaces the one in DATA_DIR.

Stop the API first (it keeps the key it started with; the projector holds none).

Exit code: 0 rotated, 1 failure, 2 usage error.`;

export async function keysCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'new-key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) return void process.stdout.write(`${keysHelp}\n`);
  if (positionals[0] !== 'rotate' || positionals.length > 1)
    throw new CliError(`Unknown keys command "${positionals.join(' ')}"\n\n${keysHelp}`);
  await withDatabase(async (pool, config) => {
    const currentFile = config.KEY_ENCRYPTION_KEY_FILE ?? embeddedKeyFile(config.dataDir);
    const current = await loadKeyEncryptionKey({
      file: config.KEY_ENCRYPTION_KEY_FILE,
      dataDir: config.dataDir,
      mayCreate: false,
    });
    await assertKeyEncryptionKeyMatches(pool, current, currentFile);
    const given = values['new-key-file'];
    if (!given && config.KEY_ENCRYPTION_KEY_FILE)
      throw new CliError('KEY_ENCRYPTION_KEY_FILE is set: give the new key with --new-key-file');
    // The embedded default's new key is written beside the old one first: a crash before the
    // rename leaves both, and the old one still opens the data keys until the transaction commits.
    const nextFile = given ?? `${currentFile}.next`;
    if (!given) await writeFile(nextFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const next = await loadKeyEncryptionKey({ file: nextFile, dataDir: config.dataDir, mayCreate: false });
    if (next.id === current.id) throw new CliError('The new key is the current one');
    const rewrapped = await rewrapAll(pool, current, next);
    if (!given) {
      await rename(nextFile, currentFile);
    }
    process.stdout.write(
      `Re-wrapped ${rewrapped} data key(s): ${current.id} -> ${next.id}.\n` +
        (given
          ? `Now set KEY_ENCRYPTION_KEY_FILE=${given}, start the service, and destroy the old key (${currentFile}).\n`
          : `The key in ${currentFile} is replaced.\n`),
    );
    if (!given && existsSync(nextFile)) await unlink(nextFile);
  });
}

/** Every live data key unwrapped with the current key and wrapped with the next, in one transaction. */
function rewrapAll(pool: Pool, current: KeyEncryptionKey, next: KeyEncryptionKey): Promise<number> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ key_id: string; wrapped: Buffer }>(
      'SELECT key_id, wrapped FROM kp_data_keys WHERE wrapped IS NOT NULL FOR UPDATE',
    );
    for (const row of rows) {
      await client.query('UPDATE kp_data_keys SET wrapped = $2, kek_id = $3 WHERE key_id = $1', [
        row.key_id,
        next.wrap(current.unwrap(row.wrapped)),
        next.id,
      ]);
    }
    return rows.length;
  });
}
