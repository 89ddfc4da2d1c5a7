import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Pool } from 'pg';
import { ExportKeyCollector, loadKeyEncryptionKey, PostgresDataKeyStore } from '@koproduktiv/personal-data';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { isSupportedDate, isSupportedInstant, SUPPORTED_YEARS_TEXT } from '@koproduktiv/domain';
import { EventRange, ExportManifest, exportLines, RecordedEvent } from '@koproduktiv/event-store';
import { CliError } from '../../cli-error';
import { cliConfig } from '../../config';
import { withAuditStore } from './connection';
import { Progress } from './progress';

export const exportHelp = `Usage: koproduktiv audit export [--tenant <id>] [--stream <streamId> | --from <time>] [--to <time>] [--out <file>] [--quiet]

Writes events as JSON Lines - one event per line with every field and hash, in global order (one
stream: version order) - then a last line {"manifest": {...}} with the event count, counts by type,
first and last position and the sha256 of every byte before it. Streams: constant memory.
Without --tenant it exports ALL tenants (operators only). Check a file later, offline, with
"koproduktiv audit verify-export <file>".

  --tenant <id>        only this municipality
  --stream <streamId>  one stream (needs --tenant)
  --from <time>        record time (recordedAt) from, inclusive, ISO 8601
  --to <time>          record time up to, exclusive
  --out <file>         write here (default: stdout)
  --with-personal-data with --out: also write <file>.keys.json, the data keys of the exported
                       personal data wrapped by a new export key, and that key to <file>.key
                       (mode 0600; hand it over separately). The export itself holds personal data
                       sealed, as stored; "koproduktiv audit open-export" opens it offline.
                       Needs the key-encryption key (KEY_ENCRYPTION_KEY_FILE or DATA_DIR's)
  --quiet              no progress

Exit code: 0 written, 1 failure, 2 usage error.`;

const parseTime = (flag: string, value: string | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  if (!isSupportedDate(value) && !isSupportedInstant(value)) {
    throw new CliError(
      `${flag} must be an ISO 8601 time with offset or a date (UTC midnight) ${SUPPORTED_YEARS_TEXT}, e.g. 2026-03-01T00:00:00Z`,
    );
  }
  return new Date(value);
};

export async function exportCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      stream: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean' },
      'with-personal-data': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${exportHelp}\n`);
  if (positionals.length) throw new CliError(`Unexpected argument "${positionals[0]}"\n\n${exportHelp}`);
  if (values.stream && !values.tenant) throw new CliError('--stream needs --tenant (stream ids are per tenant)');
  if (values.stream && (values.from || values.to))
    throw new CliError('Export one stream (--stream) or a time range (--from/--to), not both');
  const from = parseTime('--from', values.from);
  const to = parseTime('--to', values.to);
  if (from && to && from >= to) throw new CliError('--from must be before --to');
  const range: EventRange = { tenant: values.tenant, streamId: values.stream, from, to };
  const withKeys = values['with-personal-data'] ? await prepareExportKeys(values.out) : undefined;

  const manifest = await withAuditStore(async ({ reader, pool, where }) => {
    if (withKeys && !pool)
      throw new CliError(
        '--with-personal-data needs the PostgreSQL key table (DATABASE_URL); with KurrentDB export without it',
        1,
      );
    const total = await reader.countEvents(range);
    const quiet = values.quiet;
    if (!quiet)
      process.stderr.write(
        `Exporting ${total} events${values.tenant ? ` of tenant ${values.tenant}` : ' of ALL tenants'} from ${where}\n`,
      );
    const progress = new Progress('export', total, 'events', { quiet });
    let done = 0;
    async function* counted(events: AsyncIterable<RecordedEvent>) {
      for await (const event of events) {
        withKeys?.collector.see(event);
        yield event;
        progress.update(++done);
      }
    }
    let last = '';
    async function* remembered(lines: AsyncIterable<string>) {
      for await (const line of lines) {
        last = line;
        yield line;
      }
    }
    const scope = {
      tenant: values.tenant ?? null,
      streamId: values.stream ?? null,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
    };
    const target = values.out ? createWriteStream(values.out) : process.stdout;
    await pipeline(Readable.from(remembered(exportLines(counted(reader.iterateEvents(range)), scope))), target, {
      end: Boolean(values.out),
    });
    progress.finish(done);
    const written = (JSON.parse(last) as { manifest: ExportManifest }).manifest;
    if (withKeys) await withKeys.write(pool as Pool, written.sha256);
    return written;
  });
  const summary = `Exported ${manifest.events} events (positions ${manifest.firstPosition ?? '-'}..${manifest.lastPosition ?? '-'}), sha256 ${manifest.sha256}`;
  if (values.out) process.stdout.write(`${summary}\nto ${values.out}\n`);
  else if (!values.quiet) process.stderr.write(`${summary}\n`);
}

/** The export's own key and the file of data keys wrapped by it, beside `--out`. */
async function prepareExportKeys(out: string | undefined) {
  if (!out) throw new CliError('--with-personal-data needs --out (the keys go to <file>.keys.json and <file>.key)');
  const config = cliConfig().app;
  const kek = await loadKeyEncryptionKey({
    file: config.KEY_ENCRYPTION_KEY_FILE,
    dataDir: config.dataDir,
    mayCreate: false,
  }).catch((error: Error) => {
    throw new CliError(error.message, 1);
  });
  const collector = new ExportKeyCollector();
  return {
    collector,
    write: async (pool: Pool, exportSha256: string) => {
      const exportKey = randomBytes(32);
      const keyFile = await collector.keyFile(new PostgresDataKeyStore(pool, kek), exportKey, exportSha256);
      await writeFile(`${out}.keys.json`, `${JSON.stringify(keyFile, null, 2)}\n`, { mode: 0o600 });
      await writeFile(`${out}.key`, `${exportKey.toString('base64')}\n`, { mode: 0o600, flag: 'w' });
      process.stdout.write(
        `Data keys of ${Object.keys(keyFile.keys).length} subject key(s) (${Object.keys(keyFile.erased).length} erased) in ${out}.keys.json, the export key in ${out}.key\n`,
      );
    },
  };
}
