/**
 * The raw rate of the append transaction the PostgreSQL adapter runs for one event, driven by
 * `pgbench` against the same server, and the same with the stream read first, as the command handler
 * does for a stream whose state it has not cached (from the version after the one it knows). The SQL mirrors PostgresEventStore
 * (readStream, kp_append_at).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { eventMetadata, interactionRecordedData, TENANT } from '../../test/fixtures/bodies';

const run = promisify(execFile);
const APPLICATION_NAME = 'koproduktiv-pgbench';

export type PgbenchVariant = 'append' | 'read+append';

export interface PgbenchResult {
  readonly variant: PgbenchVariant;
  readonly clients: number;
  readonly tps: number;
  readonly latencyAverageMs: number;
  readonly transactions: number;
  readonly failed: number;
}

/** pgbench's version line, or undefined when it is not on PATH. */
export async function pgbenchVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('pgbench', ['--version']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The script
// ---------------------------------------------------------------------------------------------

/** Mirrors EVENT_COLUMNS in libs/event-store/src/postgres/row-mapping.ts. */
const EVENT_COLUMNS =
  'position, tenant, stream_id, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash';
/** The store computes a sha256 per event in Node; for the database it is a 64-character text. */
const HASH = `'${'ab12'.repeat(16)}'`;
const CASE = '@@case@@';
const UUID = '@@uuid@@';

export interface ScriptOptions {
  readonly variant: PgbenchVariant;
  /** Stream `n` (1..cases) is `case-<casePrefix><n as 12 digits>`. */
  readonly casePrefix: string;
  readonly cases: number;
  /**
   * pgbench client k works on the streams whose number is k + 1 modulo `clients`, as the HTTP
   * connections do with their cases: no two transactions wait for the same stream.
   */
  readonly clients: number;
}

export function pgbenchScript({ variant, casePrefix, cases, clients }: ScriptOptions): string {
  const perClient = Math.floor(cases / clients);
  if (perClient < 1) throw new Error(`${cases} cases are too few for ${clients} pgbench clients`);
  const tenant = literal(TENANT);
  const caseId = `(${literal(casePrefix)} || lpad(:c::text, 12, '0'))`;
  const streamId = `('case-' || ${caseId})`;
  const expressions = { [CASE]: caseId, [UUID]: 'gen_random_uuid()::text' };
  const data = jsonExpression(JSON.stringify(interactionRecordedData(CASE, UUID)), expressions);
  const metadata = jsonExpression(JSON.stringify(eventMetadata(UUID, UUID)), expressions);
  const tipOf = (column: string) =>
    `(SELECT ${column} FROM kp_streams WHERE tenant = ${tenant} AND stream_id = ${streamId})`;
  // The command path reads the events after the version its decision cache holds, usually none;
  // here that version comes from a subquery.
  const readStream =
    `SELECT ${EVENT_COLUMNS} FROM kp_events WHERE tenant = ${tenant} AND stream_id = ${streamId} AND version >= ${tipOf('version')} + 1 ` +
    `ORDER BY version ASC LIMIT NULL;`;
  // The adapter's append at a known tip (the command path: it read the stream it decided on), one
  // statement; here the tip comes from subqueries instead of the preceding read's last row.
  const appendAtTip =
    `SELECT kp_append_at(${tenant}, ${streamId}, 'case', ${tipOf('version')}, ${tipOf('last_hash')}, ` +
    `ARRAY[gen_random_uuid()], ARRAY['InteractionRecorded'], ARRAY[1], ARRAY[${data}], ARRAY[${metadata}], ` +
    `ARRAY[now()], now(), ARRAY[${HASH}]);`;
  return [
    `-- ${variant === 'append' ? 'One append' : 'Read the stream after the known version, then one append'}, as the command path does it.`,
    `\\set c 1 + :client_id + ${clients} * random(0, ${perClient - 1})`,
    ...(variant === 'read+append' ? [readStream] : []),
    appendAtTip,
    '',
  ].join('\n');
}

/** `template` as a jsonb expression, each placeholder replaced by an SQL expression (so it is parsed per transaction, as the adapter's parameters are). */
function jsonExpression(template: string, expressions: Record<string, string>): string {
  const pattern = new RegExp(
    Object.keys(expressions)
      .map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    parts.push(literal(template.slice(last, match.index)), expressions[match[0]]);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(literal(template.slice(last)));
  return `(${parts.join(' || ')})::jsonb`;
}

/**
 * An SQL string literal. pgbench would read `:name` even inside quotes as one of its variables, so a
 * colon before a letter is split off into a literal of its own.
 */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''").replace(/:(?=[A-Za-z_\x80-\uffff])/g, ":' || '")}'`;
}

export async function writePgbenchScript(dir: string, options: ScriptOptions): Promise<string> {
  const file = join(
    dir,
    `pgbench-${options.variant.replace('+', '-')}-c${options.clients}-${options.casePrefix.slice(0, 8)}.sql`,
  );
  await writeFile(file, pgbenchScript(options));
  return file;
}

// ---------------------------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------------------------

export interface PgbenchRunOptions {
  readonly databaseUrl: string;
  readonly scriptFile: string;
  readonly variant: PgbenchVariant;
  readonly clients: number;
  readonly durationSeconds: number;
}

/** `pgbench -c <clients> -j 2 -T <duration> -n -M prepared -f <script>`, connected as the app is. */
export async function runPgbench({
  databaseUrl,
  scriptFile,
  variant,
  clients,
  durationSeconds,
}: PgbenchRunOptions): Promise<PgbenchResult> {
  const url = new URL(databaseUrl);
  const args = [
    // The app's own transport: the embedded server's unix socket when its URL names one.
    '-h',
    url.searchParams.get('host') ?? url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username),
    '-c',
    String(clients),
    '-j',
    String(Math.min(2, clients)),
    '-T',
    String(durationSeconds),
    '-n',
    '-M',
    'prepared',
    '-f',
    scriptFile,
    decodeURIComponent(url.pathname.slice(1)),
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password), PGAPPNAME: APPLICATION_NAME };
  let stdout: string;
  try {
    ({ stdout } = await run('pgbench', args, { env, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const { stderr = '', stdout: out = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`pgbench ${args.join(' ')} failed:\n${stderr || out || String(error)}`, { cause: error });
  }
  return { variant, clients, ...parsePgbenchOutput(stdout) };
}

export function parsePgbenchOutput(
  stdout: string,
): Pick<PgbenchResult, 'tps' | 'latencyAverageMs' | 'transactions' | 'failed'> {
  const number = (pattern: RegExp, required = true) => {
    const match = pattern.exec(stdout);
    if (!match && required) throw new Error(`Unexpected pgbench output (no ${pattern}):\n${stdout}`);
    return match ? Number(match[1]) : 0;
  };
  return {
    tps: number(/^tps = ([\d.]+) \(without initial connection time\)/m),
    latencyAverageMs: number(/^latency average = ([\d.]+) ms/m),
    transactions: number(/^number of transactions actually processed: (\d+)/m),
    failed: number(/^number of failed transactions: (\d+)/m, false),
  };
}

/**
 * pgbench returns when its clients have disconnected, a moment before their server processes have
 * ended; only then is their CPU time booked to the server, so CPU figures wait for that.
 */
export async function pgbenchBackendsGone(pool: Pool, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
      [APPLICATION_NAME],
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
