import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ExportVerifier } from '@koproduktiv/event-store';
import { CliError } from '../../cli-error';
import { Progress } from './progress';

export const verifyExportHelp = `Usage: koproduktiv audit verify-export <file> [--json] [--quiet]

Checks an export of "koproduktiv audit export" (or GET /v1/audit/export) offline - no database:
the sha256 of every byte before the manifest line, the event count, counts by type, first and last
position; each event's own hash against its content; each stream's chain wherever its predecessor
is in the file; and that every event lies in the manifest's scope (tenant, stream, time range).
A truncated file (no manifest as its last line) fails.

Exit code: 0 the file is intact, 1 it is not (or cannot be read), 2 usage error.`;

export async function verifyExportCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void process.stdout.write(`${verifyExportHelp}\n`);
  if (positionals.length !== 1) throw new CliError(`Name exactly one export file\n\n${verifyExportHelp}`);
  const [file] = positionals;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, 1);
  }
  const input = createReadStream(file);
  const progress = new Progress('verify-export', size, 'bytes', { quiet: values.quiet });
  input.on('data', () => progress.update(input.bytesRead));
  const verifier = new ExportVerifier();
  for await (const line of createInterface({ input, crlfDelay: Infinity })) verifier.line(line);
  progress.finish(size);
  const check = verifier.finish();
  if (values.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
  else if (check.ok) {
    const m = check.manifest!;
    process.stdout.write(
      `INTACT  ${file}: ${check.events} events, positions ${m.firstPosition ?? '-'}..${m.lastPosition ?? '-'}, sha256 ${m.sha256} matches\n`,
    );
  } else {
    process.stdout.write(`BROKEN  ${file}\n`);
    for (const problem of check.problems)
      process.stdout.write(`  ${problem.line === null ? 'file' : `line ${problem.line}`}: ${problem.detail}\n`);
  }
  if (!check.ok) process.exitCode = 1;
}
