import { parseArgs } from 'node:util';
import { isSupportedDate, SUPPORTED_YEARS_TEXT } from '@koproduktiv/domain';
import type { AppConfig } from '@koproduktiv/config';
import { createLogger, EmbeddedPostgresError, TENANT_PATTERN } from '@koproduktiv/platform';
import { cliConfig } from '../../config';
import { CommandRejected } from '@koproduktiv/application';
import { createRuntime, Runtime } from '@koproduktiv/runtime';
import { CliError } from '../../cli-error';
import { embeddedPostgresUnavailable } from '../../embedded-postgres';
import { Progress } from '../audit/progress';
import { DemoStepFailed, playStory, PlayResult } from './play';
import { WRITTEN_END, WRITTEN_START } from './story';

export const demoHelp = `Usage: koproduktiv demo load [--tenant <id>] [--seed <n>] [--until <YYYY-MM-DD>] [--quiet]

Loads demo data: three years of a small town, "Musterstadt", ending this month - a contact point
and two departments, a Mit-mach-Fonds per year, a dozen initiatives (a community garden on waste
land, a third place on an old estate, a vacant shop in interim use, a festival, a neighbourhood
office, ...) and their cases, with changing contact persons, kept and broken promises, one case
institutionalised and one dropped. Every step is a command sent through the same command path as
the HTTP API (domain rules, business time as occurredAt, Idempotency-Key), so running it again
appends nothing. Names, e-mail addresses and phone numbers are invented.

The story is written for ${WRITTEN_START} to ${WRITTEN_END} and moved by whole weeks so that its last
step falls in the current month, shortly before today (in the first days of a month: shortly
after, and steps still in the future are left out until a later run). A tenant keeps the dates
it was first loaded with: a run in a later month adds what has come due since.

  --tenant <id>        the municipality to load into (default musterstadt)
  --seed <n>           another seed gives other ids and details, the same plot (default 1)
  --until <date>       play the story only up to this day (a later run with a later day adds the rest)
  --quiet              no progress on stderr

Connects like the service: DATABASE_URL, else the embedded PostgreSQL in DATA_DIR (stop
"npm start" first, or point DATABASE_URL at its PostgreSQL). The service projects the events
into its read models; the metrics as of now tell the story: /v1/metrics/summary

Exit code: 0 loaded, 1 refused or unreachable, 2 usage error.`;

export async function demoCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') return void process.stdout.write(`${demoHelp}\n`);
  if (sub !== 'load') throw new CliError(`Unknown demo subcommand "${sub}"\n\n${demoHelp}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      tenant: { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${demoHelp}\n`);
  const tenant = values.tenant ?? 'musterstadt';
  if (!TENANT_PATTERN.test(tenant)) throw new CliError(`--tenant must match ${TENANT_PATTERN} (e.g. musterstadt)`);
  if (!/^\d{1,9}$/.test(values.seed ?? '1'))
    throw new CliError('--seed must be a non-negative integer (up to 9 digits)');
  const seed = Number(values.seed ?? 1);
  if (values.until !== undefined && !isSupportedDate(values.until))
    throw new CliError(`--until must be a date YYYY-MM-DD ${SUPPORTED_YEARS_TEXT}, e.g. 2024-06-30`);

  const config = cliConfig().app;
  const runtime = await connect(config);
  const where = runtime.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL';
  process.stderr.write(
    `Loading the Musterstadt story into tenant "${tenant}" (seed ${seed}${values.until ? `, until ${values.until}` : ''}) on ${where}\n`,
  );
  const started = Date.now();
  let result: PlayResult;
  try {
    let bar: Progress | undefined;
    result = await playStory(runtime.store, runtime.idempotency, runtime.personalData.codec, {
      tenant,
      seed,
      until: values.until,
      onProgress: (done, total) => {
        bar ??= new Progress('demo load', total, 'commands', { quiet: values.quiet });
        if (done === total) bar.finish(done);
        else bar.update(done);
      },
    });
  } catch (error) {
    if (error instanceof DemoStepFailed) {
      const reused = error.cause instanceof CommandRejected && error.cause.kind === 'key_reused';
      throw new CliError(
        reused
          ? `${error.message}\nThis tenant holds demo data from another version of the story. Load into another --tenant (or a fresh DATA_DIR).`
          : error.message,
        1,
      );
    }
    throw new CliError(`Loading the demo data failed: ${(error as Error).message}`, 1);
  } finally {
    await runtime.close();
  }
  process.stdout.write(summary(tenant, result, (Date.now() - started) / 1000, config.PORT));
}

async function connect(config: AppConfig): Promise<Runtime> {
  const logger = createLogger(cliConfig().logLevel, 'koproduktiv-demo');
  try {
    return await createRuntime(config.runtime, logger, { whenEmbeddedInUse: 'attach' });
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw embeddedPostgresUnavailable(error);
    throw new CliError(`Cannot reach the event store: ${(error as Error).message}`, 1);
  }
}

function summary(tenant: string, result: PlayResult, seconds: number, port: number): string {
  const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? '-';
  const categories = Object.entries(result.streamsPerCategory)
    .map(([category, n]) => `${n} ${category}`)
    .join(', ');
  const lines = [
    `Demo data for tenant "${tenant}":`,
    `  commands sent      ${result.commands}${result.alreadyLoaded ? ` (${result.alreadyLoaded} already loaded before: nothing appended for them)` : ''}`,
    `  events appended    ${result.appended}`,
    `  streams            ${result.streams} (${categories})`,
    `  business time      ${day(result.from)} to ${day(result.to)} (the story moved by ${result.shiftDays} days from ${WRITTEN_START} to ${WRITTEN_END})`,
    `  took               ${seconds.toFixed(1)} s`,
    '',
    `Next: ${port === 3000 ? '' : `PORT=${port} `}npm start (unless it runs already), then as an analyst`,
    `  TOKEN=$(npm run -s token -- --tenant ${tenant} --roles analyst | tail -n1)`,
    `  curl -s "http://localhost:${port === 0 ? '<the port npm start printed>' : port}/v1/metrics/summary" -H "Authorization: Bearer $TOKEN"`,
  ];
  return `${lines.join('\n')}\n`;
}
