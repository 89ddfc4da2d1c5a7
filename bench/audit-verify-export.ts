/**
 * Audit over a large store: `audit verify` and `audit export` (and the offline verify-export) over
 * generated stores of growing size, reporting events/s and peak memory of this process. Memory must
 * stay flat as the store grows: everything streams through keyset-paged queries.
 *
 *   npm run bench:audit                              # 250 000 and 1 000 000 events
 *   npm run bench:audit -- --sizes 20000,80000       # a quick check
 *
 * Events go straight through PostgresEventStore.append (100 per stream, one append per stream, in
 * parallel) into an embedded PostgreSQL in a fresh temporary directory; the store grows from one
 * size to the next. PostgreSQL's own memory is not counted: it is another process.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { EVENT_SCHEMA_VERSION } from '@koproduktiv/domain';
import {
  EventToAppend,
  ExportVerifier,
  exportLines,
  migrate,
  PostgresAuditReader,
  PostgresEventStore,
  verifyStore,
} from '@koproduktiv/event-store';
import { createPool, startEmbeddedPostgres } from '@koproduktiv/platform';
import { eventMetadata, interactionRecordedData, requestSubmittedData, TENANT } from '../test/fixtures/bodies';
import { measured } from './support/memory';

const EVENTS_PER_STREAM = 100;
const APPEND_CONCURRENCY = 8;

function streamEvents(caseId: string): EventToAppend[] {
  const occurredAt = new Date();
  return Array.from({ length: EVENTS_PER_STREAM }, (_, index) => ({
    eventId: randomUUID(),
    type: index === 0 ? 'RequestSubmitted' : 'InteractionRecorded',
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: index === 0 ? requestSubmittedData(caseId) : interactionRecordedData(caseId, randomUUID()),
    metadata: eventMetadata(),
    occurredAt,
  }));
}

async function grow(store: PostgresEventStore, from: number, to: number): Promise<void> {
  const streams = Math.ceil((to - from) / EVENTS_PER_STREAM);
  let next = 0;
  let done = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < streams) {
      next += 1;
      const caseId = randomUUID();
      await store.append(TENANT, `case-${caseId}`, streamEvents(caseId), 'no_stream');
      done += 1;
      if (done % 500 === 0)
        process.stderr.write(
          `  generated ${from + done * EVENTS_PER_STREAM} events (${Math.round((done * EVENTS_PER_STREAM) / ((Date.now() - started) / 1000))}/s)\n`,
        );
    }
  };
  await Promise.all(Array.from({ length: APPEND_CONCURRENCY }, worker));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, keep: { type: 'boolean' } } });
  const sizes = (values.sizes ?? process.env.BENCH_AUDIT_SIZES ?? '250000,1000000')
    .split(',')
    .map((s) => Number(s.trim()));
  if (
    sizes.some((n) => !Number.isInteger(n) || n < EVENTS_PER_STREAM) ||
    sizes.some((n, i) => i > 0 && n <= sizes[i - 1])
  ) {
    throw new Error(`--sizes must be increasing integers >= ${EVENTS_PER_STREAM}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'kp-bench-audit-'));
  const postgres = await startEmbeddedPostgres({ dataDir: dir });
  const pool = createPool({ connectionString: postgres.url, max: APPEND_CONCURRENCY + 2 });
  const rows: Record<string, string | number>[] = [];
  try {
    await migrate(pool);
    const store = new PostgresEventStore(pool);
    const reader = new PostgresAuditReader(pool);
    let have = 0;
    for (const size of sizes) {
      process.stderr.write(`growing the store to ${size} events\n`);
      const generated = await measured(() => grow(store, have, size));
      have = Number((await pool.query('SELECT count(*) AS n FROM kp_events')).rows[0].n);
      await pool.query('VACUUM ANALYZE kp_events');
      await pool.query('VACUUM ANALYZE kp_streams');
      process.stderr.write(`  ${have} events in ${generated.seconds.toFixed(1)} s\n`);

      const verify = await measured(() => verifyStore(reader));
      if (!verify.result.ok || verify.result.eventsChecked !== have)
        throw new Error(`verify: ${JSON.stringify(verify.result)}`);

      const file = join(dir, `export-${size}.jsonl`);
      const exported = await measured(() =>
        pipeline(
          Readable.from(exportLines(reader.iterateEvents({}), { tenant: null, streamId: null, from: null, to: null })),
          createWriteStream(file),
        ),
      );
      const bytes = (await stat(file)).size;

      const checked = await measured(async () => {
        const verifier = new ExportVerifier();
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
          verifier.line(line);
        return verifier.finish();
      });
      if (!checked.result.ok || checked.result.events !== have)
        throw new Error(`verify-export: ${JSON.stringify(checked.result.problems)}`);
      await rm(file);

      for (const [phase, run] of [
        ['verify', verify],
        ['export', exported],
        ['verify-export', checked],
      ] as const) {
        rows.push({
          events: have,
          phase,
          seconds: Number(run.seconds.toFixed(1)),
          'events/s': Math.round(have / run.seconds),
          'peak RSS MB': run.memory.peakRssMb,
          'peak heap MB': run.memory.peakHeapMb,
          'base RSS MB': run.memory.baseRssMb,
          ...(phase === 'export' ? { 'file MB': Math.round(bytes / 1024 / 1024) } : {}),
        });
      }
      console.table(rows.slice(-3));
    }
  } finally {
    await pool.end();
    await postgres.stop();
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nAudit over a growing store (${EVENTS_PER_STREAM} events per stream, Node ${process.version}):\n`,
  );
  console.table(rows);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
