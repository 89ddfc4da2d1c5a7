import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { retentionDue } from '@koproduktiv/projections';
import { CliError } from '../../cli-error';
import { cliConfig } from '../../config';
import { withDatabase } from './database';

export const retentionHelp = `Usage: koproduktiv retention due [--as-of <date>] [--json]

The dry run of the retention schedule: lists the personal data whose retention period is over
(closed cases' narratives, dissolved initiatives' contacts; RETENTION_SETTINGS, default 10 years),
as the read models know it, without shredding anything. The projector shreds it once a day.

  --as-of <date>   as if it were then (ISO date or date-time; default now)
  --json           one JSON array

Exit code: 0 listed, 1 failure, 2 usage error.`;

export async function retentionCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) return void process.stdout.write(`${retentionHelp}\n`);
  if (positionals[0] !== 'due' || positionals.length > 1)
    throw new CliError(`Unknown retention command "${positionals.join(' ')}"\n\n${retentionHelp}`);
  const asOf = values['as-of'] === undefined ? new Date() : new Date(values['as-of']);
  if (Number.isNaN(asOf.getTime())) throw new CliError(`--as-of: not a date: ${values['as-of']}`);
  const years = cliConfig().tenants.retentionYears;
  await withDatabase(async (pool) => {
    const due = (await readModelsBuilt(pool)) ? await retentionDue(pool, asOf, years) : [];
    if (values.json) return void process.stdout.write(`${JSON.stringify(due, null, 2)}\n`);
    process.stdout.write(`${due.length} subject(s) due for shredding as of ${asOf.toISOString()}\n`);
    for (const item of due)
      process.stdout.write(`  ${item.tenant}  ${item.kind}/${item.id}  since ${item.since}  due ${item.dueAt}\n`);
  });
}

/**
 * The schedule is read from the read models. Where they were never built, a store without events
 * has nothing due; one with events cannot be answered until they are.
 */
async function readModelsBuilt(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ built: boolean; events: boolean }>(
    `SELECT to_regclass('rm_cases') IS NOT NULL AND to_regclass('rm_initiatives') IS NOT NULL AS built,
            EXISTS (SELECT 1 FROM kp_events) AS events`,
  );
  if (rows[0].built || !rows[0].events) return rows[0].built;
  throw new CliError(
    'The read models of this store have not been built yet, and the retention schedule is read from them: ' +
      'start the service (npm start) or run `npm run cli -- projections rebuild`, then ask again.',
    1,
  );
}
