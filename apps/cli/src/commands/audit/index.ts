import { CliError } from '../../cli-error';
import { exportCommand, exportHelp } from './export.command';
import { openExportCommand, openExportHelp } from './open-export.command';
import { replayCommand, replayHelp } from './replay.command';
import { verifyExportCommand, verifyExportHelp } from './verify-export.command';
import { verifyCommand, verifyHelp } from './verify.command';

const SUBCOMMANDS: Record<string, { run: (argv: string[]) => Promise<void>; help: string }> = {
  replay: { run: replayCommand, help: replayHelp },
  verify: { run: verifyCommand, help: verifyHelp },
  export: { run: exportCommand, help: exportHelp },
  'verify-export': { run: verifyExportCommand, help: verifyExportHelp },
  'open-export': { run: openExportCommand, help: openExportHelp },
};

export const auditHelp = `Usage: koproduktiv audit <subcommand> [options]

For auditors and operators. Reads the event store (DATABASE_URL, else the embedded cluster in
DATA_DIR: the running service's, or started for the command) and never writes to it. Unlike the HTTP API, which keeps to the token's tenant, the CLI
sees every tenant unless --tenant is given.

Subcommands:
  replay <streamId>     a stream's timeline and state, now or as recorded at a moment (--as-of)
  verify                check every stream's hash chain and versions; exit 1 if anything is broken
  export                JSON Lines of a stream, a time range or the whole store, with a manifest
  verify-export <file>  check an export offline against its manifest and hashes
  open-export <file>    read an export's personal data offline with the keys exported beside it

Run "koproduktiv audit <subcommand> --help" for its options.
To compare the read models with a replay of the store: koproduktiv projections check.`;

export async function auditCommand(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return void process.stdout.write(`${auditHelp}\n`);
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new CliError(`Unknown audit subcommand "${name}"\n\n${auditHelp}`);
  await sub.run(rest);
}
