import { parseArgs } from 'node:util';
import {
  AGGREGATE_CATEGORIES,
  categoryOf,
  isSupportedDate,
  isSupportedInstant,
  SUPPORTED_YEARS_TEXT,
} from '@koproduktiv/domain';
import { AsOf, RecordedEvent } from '@koproduktiv/event-store';
import { replayStreamState } from '@koproduktiv/application';
import { CliError } from '../../cli-error';
import { withAuditStore } from './connection';

export const replayHelp = `Usage: koproduktiv audit replay <streamId> [--tenant <id>] [--as-of <time> | --as-of-position <n>] [--json]

Prints a stream's history as a readable timeline - version, global position, record time and
business time, type, actor, correlation and causation ids - and the aggregate's state after it.
With --as-of it replays exactly the events recorded (recordedAt) at or before that moment: what the
system knew then, even if later-recorded events carry earlier business times (occurredAt).

  --tenant <id>          the municipality (needed only when several hold this stream id)
  --as-of <time>         record time, ISO 8601 (e.g. 2026-03-02T10:00:00Z)
  --as-of-position <n>   global position instead of a time
  --json                 print { streamId, tenant, asOf, includedEvents, state } as JSON

Exit code: 0 printed, 1 no such stream or failure, 2 usage error.`;

export async function replayCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      'as-of': { type: 'string' },
      'as-of-position': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${replayHelp}\n`);
  if (positionals.length !== 1) throw new CliError(`Name exactly one stream\n\n${replayHelp}`);
  const [streamId] = positionals;
  const category = categoryOf(streamId);
  if (!category) throw new CliError(`"${streamId}" is not a stream id: <${AGGREGATE_CATEGORIES.join('|')}>-<id>`);
  const asOf = parseAsOf(values['as-of'], values['as-of-position']);

  await withAuditStore(async ({ reader }) => {
    const heads = await reader.findStreams(streamId);
    const tenants = heads.map((head) => head.tenant);
    const tenant = values.tenant ?? (tenants.length === 1 ? tenants[0] : undefined);
    if (tenant === undefined && tenants.length > 1)
      throw new CliError(`${streamId} exists in several tenants (${tenants.join(', ')}): choose one with --tenant`);
    const head = heads.find((h) => h.tenant === tenant);
    if (!tenant || !head)
      throw new CliError(`No stream ${streamId}${values.tenant ? ` in tenant ${values.tenant}` : ''}`, 1);

    const included: RecordedEvent[] = [];
    const print = (text: string) => !values.json && process.stdout.write(`${text}\n`);
    const when =
      asOf === undefined
        ? 'now'
        : 'recordedAt' in asOf
          ? `as recorded at ${asOf.recordedAt.toISOString()}`
          : `as of global position ${asOf.position}`;
    print(`${streamId}  tenant ${tenant}  ${when}`);
    print('');
    const { state } = await replayStreamState(reader, tenant, streamId, asOf, (event) => {
      if (values.json) included.push(event);
      else print(formatEvent(event));
    });
    const count = values.json ? included.length : undefined;
    const later = head.version - (count ?? 0);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            streamId,
            tenant,
            category,
            asOf: {
              recordedAt: asOf && 'recordedAt' in asOf ? asOf.recordedAt.toISOString() : null,
              position: asOf && 'position' in asOf ? asOf.position : null,
            },
            includedEvents: included.map((e) => ({
              version: e.version,
              position: e.position,
              eventId: e.eventId,
              type: e.type,
              recordedAt: e.recordedAt,
              occurredAt: e.occurredAt,
            })),
            state,
          },
          null,
          2,
        )}\n`,
      );
      if (later > 0) process.stderr.write(`${later} event(s) recorded later are not included\n`);
    } else {
      print('');
      print(`State (${category}):`);
      print(JSON.stringify(state, null, 2));
    }
  });
}

function parseAsOf(time: string | undefined, position: string | undefined): AsOf | undefined {
  if (time !== undefined && position !== undefined) throw new CliError('Give --as-of or --as-of-position, not both');
  if (time !== undefined) {
    if (!isSupportedDate(time) && !isSupportedInstant(time)) {
      throw new CliError(
        `--as-of must be an ISO 8601 time with offset or a date (UTC midnight) ${SUPPORTED_YEARS_TEXT}, e.g. 2026-03-02T10:00:00Z`,
      );
    }
    return { recordedAt: new Date(time) };
  }
  if (position !== undefined) {
    if (!/^\d+$/.test(position) || !Number.isSafeInteger(Number(position)))
      throw new CliError('--as-of-position must be a non-negative integer below 2^53');
    return { position: Number(position) };
  }
  return undefined;
}

function formatEvent(e: RecordedEvent): string {
  const { actor, correlationId, causationId } = e.metadata;
  const backdated =
    e.occurredAt < e.recordedAt && e.recordedAt.getTime() - e.occurredAt.getTime() > 60_000
      ? '  (entered after the fact)'
      : '';
  return [
    `v${e.version}  #${e.position}  ${e.type}`,
    `    recorded ${e.recordedAt.toISOString()}   occurred ${e.occurredAt.toISOString()}${backdated}`,
    `    by ${actor.subject} (${actor.role})   correlation ${correlationId}   causation ${causationId}`,
  ].join('\n');
}
