import { parseArgs } from 'node:util';
import {
  embeddedKeyFile,
  EventCodec,
  hasDataKeys,
  loadKeyEncryptionKey,
  PostgresDataKeyStore,
  sealPlaintextStore,
} from '@koproduktiv/personal-data';
import { CliError } from '../../cli-error';
import { withDatabase } from './database';

export const storeHelp = `Usage: koproduktiv store encrypt-personal-data

Once, on an event store written by a version of Koproduktiv before personal data was sealed (the
service refuses to start on it and names this command): seals every contact and narrative stored
in plain text under its data subject's key, re-hashes each changed stream's chain from the first
changed event, and records each re-sealed stream with its old and new chain head in kp_reseals
(the audit history of the rewrite). Afterwards rebuild the read models (koproduktiv projections
rebuild): older versions kept a dissolution reason in them.

Stop the service first. Uses KEY_ENCRYPTION_KEY_FILE, else the key in DATA_DIR (generated if the
store has no data keys yet). PostgreSQL event stores only. Running it again is harmless.

Exit code: 0 done (or nothing to do), 1 failure, 2 usage error.`;

export async function storeCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) return void process.stdout.write(`${storeHelp}\n`);
  if (positionals[0] !== 'encrypt-personal-data' || positionals.length > 1)
    throw new CliError(`Unknown store command "${positionals.join(' ')}"\n\n${storeHelp}`);
  await withDatabase(async (pool, config) => {
    if (config.EVENT_STORE !== 'postgres')
      throw new CliError(
        'store encrypt-personal-data rewrites PostgreSQL events; KurrentDB streams cannot be rewritten',
        1,
      );
    const { rows } = await pool.query('SELECT 1 FROM kp_store_format');
    if (rows.length) return void process.stdout.write('Nothing to do: this store holds personal data only sealed.\n');
    const kek = await loadKeyEncryptionKey({
      file: config.KEY_ENCRYPTION_KEY_FILE,
      dataDir: config.dataDir,
      mayCreate: !(await hasDataKeys(pool)),
    });
    const report = await sealPlaintextStore(pool, new EventCodec(new PostgresDataKeyStore(pool, kek)));
    process.stdout.write(
      `Sealed ${report.eventsSealed} event(s) in ${report.resealed.length} of ${report.streams} stream(s) with the key-encryption key ` +
        `${config.KEY_ENCRYPTION_KEY_FILE ?? embeddedKeyFile(config.dataDir)} (${kek.id}).\n` +
        report.resealed
          .map((r) => `  ${r.tenant} ${r.streamId}: ${r.eventsSealed} event(s), head ${r.oldHead} -> ${r.newHead}\n`)
          .join('') +
        'Recorded in kp_reseals. Now rebuild the read models: koproduktiv projections rebuild\n',
    );
  });
}
