import 'reflect-metadata';
import { ConfigError } from '@koproduktiv/config';
import { CliError } from './cli-error';
import { readCliConfig } from './config';
import { auditCommand, auditHelp } from './commands/audit';
import {
  keysCommand,
  keysHelp,
  retentionCommand,
  retentionHelp,
  storeCommand,
  storeHelp,
} from './commands/data-protection';
import { demoCommand, demoHelp } from './commands/demo';
import { projectionsCommand, projectionsHelp } from './commands/projections';
import { tokenCommand, tokenHelp } from './commands/token.command';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<void>; help: string }> = {
  token: { run: tokenCommand, help: tokenHelp },
  audit: { run: auditCommand, help: auditHelp },
  demo: { run: demoCommand, help: demoHelp },
  projections: { run: projectionsCommand, help: projectionsHelp },
  keys: { run: keysCommand, help: keysHelp },
  retention: { run: retentionCommand, help: retentionHelp },
  store: { run: storeCommand, help: storeHelp },
};

const usage = `Usage: koproduktiv <command> [options]

Commands:
  token     print a bearer token for the embedded default
  audit     replay, verify and export the event store (auditors, operators)
  demo      load demo data: three years of a small town, played through the command path
  projections  rebuild the read models, or check them against a replay
  keys      rotate the key-encryption key of personal data
  retention list the personal data whose retention period is over (dry run)
  store     encrypt-personal-data: seal a store written before personal data was sealed

Run "koproduktiv <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return void process.stdout.write(`${usage}\n`);
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command "${name}"\n\n${usage}`);
  readCliConfig(); // every variable checked before the command starts anything
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error) => {
  if (
    error instanceof CliError ||
    error instanceof ConfigError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit((error as CliError).exitCode ?? 2);
  }
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
