import { parseArgs } from 'node:util';
import { AuditFinding, verifyStore } from '@koproduktiv/event-store';
import { CliError } from '../../cli-error';
import { withAuditStore } from './connection';
import { Progress } from './progress';

export const verifyHelp = `Usage: koproduktiv audit verify [--tenant <id>] [--stream <streamId>] [--json] [--quiet]

Checks the hash chain and version sequence of every stream - across ALL tenants unless --tenant is
given - in one pass through the store, in constant memory, with progress on stderr. For each
damaged stream it names the first broken event: changed data or metadata (hash_mismatch), a
deleted event (version_gap), swapped events (prev_hash_mismatch), an inserted event, a deleted or
added last event (missing_tail, unexpected_tail: compared with the stream table).

  --tenant <id>        only this municipality
  --stream <streamId>  only this stream (with --tenant, or in every tenant that has it)
  --json               print the report as JSON
  --quiet              no progress

Exit code: 0 intact, 1 something is broken (or the store is unreachable), 2 usage error.
Store: DATABASE_URL, else the embedded cluster in DATA_DIR (default ./.data).`;

export async function verifyCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      stream: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${verifyHelp}\n`);
  if (positionals.length) throw new CliError(`Unexpected argument "${positionals[0]}"\n\n${verifyHelp}`);
  const scope = { tenant: values.tenant, streamId: values.stream };
  const report = await withAuditStore(async ({ reader, where }) => {
    const total = await reader.countEvents(scope);
    const progress = new Progress('verify', total, 'events', { quiet: values.quiet });
    if (!values.quiet) process.stderr.write(`Verifying ${describe(scope)} in ${where}\n`);
    const result = await verifyStore(reader, { ...scope, onProgress: ({ events }) => progress.update(events) });
    progress.finish(result.eventsChecked);
    return result;
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const seconds = (report.durationMs / 1000).toFixed(1);
    const figures = `${report.streamsChecked} streams, ${report.eventsChecked} events of ${describe(scope)} in ${seconds} s`;
    if (report.ok) process.stdout.write(`INTACT  ${figures}\n`);
    else {
      process.stdout.write(`BROKEN  ${report.brokenStreams} damaged stream(s) among ${figures}\n`);
      for (const finding of report.findings) process.stdout.write(`${formatFinding(finding)}\n`);
      if (report.findingsTruncated)
        process.stdout.write(`... and ${report.brokenStreams - report.findings.length} more damaged streams\n`);
    }
  }
  if (!report.ok) process.exitCode = 1;
}

export function formatFinding(f: AuditFinding): string {
  const event = f.eventId ? `event ${f.eventId} at position ${f.position}` : 'event missing';
  return `  ${f.tenant}  ${f.streamId}  version ${f.version} (${event}): ${f.reason} - ${f.detail}`;
}

const describe = ({ tenant, streamId }: { tenant?: string; streamId?: string }) =>
  [streamId ? `stream ${streamId}` : 'every stream', tenant ? `of tenant ${tenant}` : 'of all tenants'].join(' ');
