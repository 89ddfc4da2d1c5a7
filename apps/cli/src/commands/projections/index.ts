import { parseArgs } from 'node:util';
import { createLogger } from '@koproduktiv/platform';
import { checkReadModels, rebuildReadModels } from '@koproduktiv/projections';
import { createRuntime, Runtime } from '@koproduktiv/runtime';
import { CliError } from '../../cli-error';
import { cliConfig } from '../../config';

export const projectionsHelp = `Usage: koproduktiv projections <rebuild|check> [--batch-size N]

  rebuild   replay the whole store into fresh read-model tables, then swap them in
            (queries keep answering from the old tables meanwhile; a running projector follows)
  check     replay the whole store into scratch tables and compare them row by row with the
            live read models at the same position; exit 1 if anything differs

Connects with DATABASE_URL, else the embedded PostgreSQL of DATA_DIR (the running service's, if it runs).`;

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await createRuntime(cliConfig().app.runtime, createLogger('warn', 'koproduktiv-cli'), {
    whenEmbeddedInUse: 'attach',
    needsKeyEncryptionKey: false,
  }).catch((error: Error) => {
    throw new CliError(error.message, 1);
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

export async function projectionsCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
  });
  const [sub] = positionals;
  if (values.help || !sub) return void process.stdout.write(`${projectionsHelp}\n`);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0 && batchSize <= 50_000))
    throw new CliError('--batch-size must be 1 to 50000');
  if (sub === 'rebuild') {
    await withRuntime(async ({ store, pool }) => {
      const result = await rebuildReadModels(store, pool, { batchSize });
      process.stdout.write(
        `Rebuilt read models: generation ${result.generation}, ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)\n`,
      );
    });
    return;
  }
  if (sub === 'check') {
    const result = await withRuntime(({ store, pool }) => checkReadModels(store, pool));
    process.stdout.write(
      `Compared ${result.rows} read-model rows at store position ${result.position} with a full replay.\n`,
    );
    if (result.differences.length === 0)
      return void process.stdout.write('OK: the live read models equal the replay.\n');
    for (const difference of result.differences) {
      process.stdout.write(`DIFFERENT: ${difference.table}: ${difference.count} row(s)\n`);
      for (const row of difference.sample) process.stdout.write(`  ${row.tenant} ${row.id} (${row.side})\n`);
    }
    throw new CliError(
      'The live read models differ from a replay of the store; run "projections rebuild" after looking into it.',
      1,
    );
  }
  throw new CliError(`Unknown subcommand "${sub}"\n\n${projectionsHelp}`);
}
