import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseExportLine, serializeEvent, verifyExport } from '@koproduktiv/event-store';
import { EventCodec, ExportedDataKeys, ExportKeyFile } from '@koproduktiv/personal-data';
import { CliError } from '../../cli-error';

export const openExportHelp = `Usage: koproduktiv audit open-export <file> [--keys <file>.keys.json] [--key <file>.key]

Offline, without the installation's keys: checks the export against its manifest, then prints its
events as JSON Lines with the personal data opened by the keys exported beside it
("audit export --with-personal-data"); an erased field reads {"erased": true, "erasedAt": ...}.
The printed lines are for reading: their hashes cover the sealed form in the export.

Exit code: 0 printed, 1 the export is broken or the keys do not fit it, 2 usage error.`;

const lines = (file: string) => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });

export async function openExportCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { keys: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void process.stdout.write(`${openExportHelp}\n`);
  if (positionals.length !== 1) throw new CliError(`Name exactly one export file\n\n${openExportHelp}`);
  const [file] = positionals;
  const check = await verifyExport(lines(file));
  if (!check.ok || !check.manifest)
    throw new CliError(`${file} is not an intact export: ${check.problems.map((p) => p.detail).join('; ')}`, 1);
  const keyFile = JSON.parse(await readFile(values.keys ?? `${file}.keys.json`, 'utf8')) as ExportKeyFile;
  if (keyFile.exportSha256 !== check.manifest.sha256)
    throw new CliError('The key file belongs to another export (its exportSha256 differs from the manifest)', 1);
  const exportKey = Buffer.from((await readFile(values.key ?? `${file}.key`, 'utf8')).trim(), 'base64');
  const codec = new EventCodec(new ExportedDataKeys(keyFile, exportKey));
  for await (const line of lines(file)) {
    if (!line || line.startsWith('{"manifest"')) continue;
    const event = parseExportLine(line);
    const [opened] = await codec.decode(event.tenant, [event]);
    process.stdout.write(`${JSON.stringify(serializeEvent(opened))}\n`);
  }
}
