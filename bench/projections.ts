/**
 * Read models over a large store (issue 3): rebuild throughput and peak memory, and the latency of
 * the analysts' queries and the clerks' worklist (issue 20) under concurrent load.
 *
 *   npm run bench:projections                                   # 1 000 000 events over 10 000 cases
 *   npm run bench:projections -- --events 50000 --cases 500     # a quick check
 *
 * Options (or BENCH_PROJ_<NAME>, e.g. BENCH_PROJ_EVENTS): --events N (1000000), --cases C (10000),
 * --sizes a,b (store sizes at which the rebuild is measured; 250000,N), --batch-sizes 2000,5000,
 * --chunk K (mean events per case append, 25), --append-concurrency 8, --connections 32,
 * --duration S (10), --warmup S (2), --seed 1, --keep (keep the data directory), --cpu-prof DIR (a V8
 * CPU profile of every rebuild, written to DIR), --history-cache-mb M (the API's CASE_HISTORY_CACHE_MB; the
 * service's default).
 *
 * An embedded PostgreSQL in a fresh temporary directory; the store is generated straight through
 * PostgresEventStore.append (see support/projections-data.ts) and grows from one size to the next.
 * At each size: rebuildReadModels with each batch size, timed, sampling this process's memory every
 * 50 ms and right after every full collection; then (with --expose-gc) once more, untimed, forcing a
 * full collection every 250 ms: the heap it keeps alive at its fullest (the peaks include garbage V8
 * has not collected yet, and V8's own full collections may all fall early in a run). A rebuild holds
 * every document until its end, so "flat in the number of events" is judged on that heap per MB of
 * the documents' JSON. PostgreSQL's memory is another process's and not counted (the rebuild's
 * final sort asks for work_mem 128 MB per part). Then the service's API (dist/apps/api/src/main.js,
 * its default configuration, the projector off) runs in a process of its own on that PostgreSQL, and
 * wrk (autocannon without it) sends GETs with an analyst token (the worklist's with a clerk token). The API's memory and cache figures
 * come from its /metrics.
 */
import 'reflect-metadata';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { createPool, issueDevToken, loadOrCreateJwtSecret, startEmbeddedPostgres } from '@koproduktiv/platform';
import {
  activeGeneration,
  DEFAULT_CASE_HISTORY_CACHE_MB,
  dropInactiveGenerations,
  encodeCursor,
  rebuildReadModels,
} from '@koproduktiv/projections';
import { startApiProcess } from './support/api-process';
import { sealingAppends } from './support/sealing-store';
import { openPersonalData } from '@koproduktiv/personal-data';
import { TENANT } from '../test/fixtures/bodies';
import { StoreGenerator } from '../test/fixtures/projections-data';
import { ReadLoadResult, runReadLoad } from './support/projections-load';
import { measured, MemoryFigures } from './support/memory';
import { wrkVersion } from './support/wrk';

const say = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

const TARGETS = { rebuildEventsPerSecond: 50_000, summaryP99Ms: 50, caseMetricsP99Ms: 20, worklistP99Ms: 50 };

interface Options {
  events: number;
  cases: number;
  sizes: number[];
  batchSizes: number[];
  chunk: number;
  appendConcurrency: number;
  connections: number;
  duration: number;
  warmup: number;
  seed: number;
  keep: boolean;
  /** Directory for a CPU profile of each rebuild (only the rebuild, through the inspector). */
  cpuProf?: string;
  /** The API's CASE_HISTORY_CACHE_MB. */
  historyCacheMb: number;
}

function options(): Options {
  const spec = {
    events: '1000000',
    cases: '10000',
    sizes: '',
    'batch-sizes': '2000,5000',
    chunk: '25',
    'append-concurrency': '8',
    connections: '32',
    duration: '10',
    warmup: '2',
    seed: '1',
    'cpu-prof': '',
    'history-cache-mb': String(DEFAULT_CASE_HISTORY_CACHE_MB),
  } as const;
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(spec).map((name) => [name, { type: 'string' as const }])),
      keep: { type: 'boolean' },
    },
  });
  const get = (name: keyof typeof spec) =>
    ((values as Record<string, string | boolean | undefined>)[name] as string | undefined) ??
    process.env[`BENCH_PROJ_${name.toUpperCase().replace(/-/g, '_')}`] ??
    spec[name];
  const int = (name: keyof typeof spec, value = get(name)) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0, got ${value}`);
    return n;
  };
  const events = int('events');
  const sizes = (get('sizes') || (events > 250_000 ? `250000,${events}` : String(events)))
    .split(',')
    .map((s) => int('sizes', s.trim()));
  if (sizes.some((n, i) => n > events || (i > 0 && n <= sizes[i - 1])) || sizes[sizes.length - 1] !== events) {
    throw new Error('--sizes must increase and end at --events');
  }
  return {
    events,
    cases: int('cases'),
    sizes,
    batchSizes: get('batch-sizes')
      .split(',')
      .map((s) => int('batch-sizes', s.trim())),
    chunk: int('chunk'),
    appendConcurrency: int('append-concurrency'),
    connections: int('connections'),
    duration: int('duration'),
    warmup: Number(get('warmup')),
    seed: int('seed'),
    keep: Boolean(values.keep ?? process.env.BENCH_PROJ_KEEP),
    cpuProf: get('cpu-prof') || undefined,
    historyCacheMb: Number(get('history-cache-mb')),
  };
}

/**
 * Waits until every event is below the oldest running transaction (readAll only hands out those), so
 * the rebuild sees the whole store: an autovacuum ANALYZE that began during the appends holds it back.
 */
async function allFinal(pool: Pool): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM kp_events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())',
    );
    if (rows[0].n === '0') return;
    if (waited > 120_000) throw new Error(`${rows[0].n} events still behind a running transaction after 2 min`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `work` under the V8 CPU profiler when `file` is given and writes the profile there. */
async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as R))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post<{ profile: object }>('Profiler.stop');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    note(`  CPU profile: ${file}`);
  }
}

interface RebuildRow {
  events: number;
  batchSize: number;
  seconds: number;
  eventsPerSecond: number;
  memory: MemoryFigures;
  /** From a second, untimed rebuild with forced full collections (only with --expose-gc). */
  keptHeapMb?: number;
  /** The documents that rebuild held until its end, as JSON. */
  documentsMb?: number;
}

/** How often the untimed memory run of a rebuild forces a full collection. */
const KEPT_HEAP_GC_MS = 250;

interface LatencyRow {
  name: string;
  target?: number;
  result: ReadLoadResult;
}

/** PostgreSQL's checkpoints done so far and the buffers they wrote. */
async function checkpoints(pool: Pool): Promise<{ count: number; buffers: number }> {
  const { rows } = await pool.query<{ count: string; buffers: string }>(
    'SELECT num_done AS count, buffers_written AS buffers FROM pg_stat_checkpointer',
  );
  return { count: Number(rows[0].count), buffers: Number(rows[0].buffers) };
}

/** The JSON (as PostgreSQL prints it) of the documents a rebuild holds until its end: cases without their histories, initiatives, units, funds. */
async function documentsMb(pool: Pool): Promise<number> {
  const sum = (table: string) => `(SELECT coalesce(sum(length(doc::text)), 0) FROM ${table})`;
  const { rows } = await pool.query<{ bytes: string }>(
    `SELECT ${['rm_cases', 'rm_initiatives', 'rm_units', 'rm_funds'].map(sum).join(' + ')} AS bytes`,
  );
  return Math.round((Number(rows[0].bytes) / 2 ** 20) * 10) / 10;
}

async function readModelFacts(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{
    cases: string;
    history_kb: string;
    doc_kb: string;
    table_mb: string;
    units_kb: string;
    funds_kb: string;
  }>(`
    SELECT (SELECT count(*) FROM rm_cases) AS cases,
           (SELECT round(avg(pg_column_size(history)) / 1024.0, 1) FROM rm_cases) AS history_kb,
           (SELECT round(avg(length(history::text)) / 1024.0, 1) FROM rm_cases) AS doc_kb,
           (SELECT round(pg_total_relation_size('rm_cases_g' || (SELECT active FROM kp_read_model_generation WHERE name = 'read-models')) / 1048576.0)) AS table_mb,
           (SELECT round(max(length(doc::text)) / 1024.0) FROM rm_units) AS units_kb,
           (SELECT round(max(length(doc::text)) / 1024.0) FROM rm_funds) AS funds_kb`);
  const r = rows[0];
  return `${r.cases} case rows, history ${r.doc_kb} KiB of JSON on average (${r.history_kb} KiB stored), rm_cases ${r.table_mb} MB; largest unit doc ${r.units_kb} KiB, largest fund doc ${r.funds_kb} KiB`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const o = options();
  const wrk = await wrkVersion();
  say(`Koproduktiv read models over a generated store: ${o.events} events, ${o.cases} cases (tenant ${TENANT})`);
  for (const fact of machineFacts(wrk)) say(fact);
  say(
    `rebuild measured at ${o.sizes.join(', ')} events with batch sizes ${o.batchSizes.join(', ')}; ${o.connections} connections, ${o.duration} s per endpoint after ${o.warmup} s warm-up`,
  );
  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  if (!gcExposed)
    say(
      '(run node with --expose-gc for a clean memory baseline before each rebuild, and an untimed rebuild that measures the heap it keeps alive)',
    );
  say();

  const dir = await mkdtemp(join(tmpdir(), 'kp-bench-projections-'));
  const postgres = await startEmbeddedPostgres({ dataDir: dir });
  const pool = createPool({
    connectionString: postgres.url,
    max: o.appendConcurrency + 8,
    applicationName: 'koproduktiv-bench',
  });
  let close = async () => {
    await pool.end().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    if (!o.keep) await rm(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void close().finally(() => process.exit(130)));
  try {
    await migrate(pool);
    const store = new PostgresEventStore(pool);
    // Personal data sealed as the command path seals it (the API refuses a store with it in plain text).
    const { codec } = await openPersonalData(pool, { dataDir: dir });
    const sealingStore = sealingAppends(store, codec);
    const rebuilds: RebuildRow[] = [];
    let generated = 0;
    let generationSeconds = 0;
    const generator = new StoreGenerator({ events: o.events, cases: o.cases, chunk: o.chunk, seed: o.seed });
    for (const size of o.sizes) {
      note(`growing the store to ${size} events`);
      const grown = await measured(() =>
        generator.grow(sealingStore, size, o.appendConcurrency, (p) =>
          note(`  ${p.events} events (${Math.round((p.events - generated) / p.seconds)}/s)`),
        ),
      );
      const have = Number((await pool.query('SELECT count(*) AS n FROM kp_events')).rows[0].n);
      if (have !== size) throw new Error(`the store holds ${have} events, expected ${size}`);
      generationSeconds += grown.seconds;
      say(
        `store: ${have} events (${Math.round((have - generated) / grown.seconds)} events/s appended, ${grown.seconds.toFixed(0)} s)`,
      );
      generated = have;
      await pool.query('VACUUM ANALYZE kp_events');
      await pool.query('VACUUM ANALYZE kp_streams');
      await allFinal(pool);
      for (const batchSize of o.batchSizes) {
        // What the generator and VACUUM left dirty is written out first: a checkpoint of it falling
        // into the rebuild would be their cost. The checkpoints during the rebuild are counted.
        await pool.query('CHECKPOINT');
        const checkpointsBefore = await checkpoints(pool);
        const run = await measured(() =>
          profiled(o.cpuProf && join(o.cpuProf, `rebuild-${have}-b${batchSize}.cpuprofile`), () =>
            rebuildReadModels(store, pool, { batchSize }),
          ),
        );
        const checkpointsAfter = await checkpoints(pool);
        if (run.result.events !== have)
          throw new Error(`rebuild projected ${run.result.events} events, expected ${have}`);
        await dropInactiveGenerations(pool, await activeGeneration(pool));
        const row: RebuildRow = {
          events: have,
          batchSize,
          seconds: run.seconds,
          eventsPerSecond: have / run.seconds,
          memory: run.memory,
        };
        rebuilds.push(row);
        say(
          `rebuild ${have} events, batch ${batchSize}: ${run.seconds.toFixed(1)} s, ${Math.round(row.eventsPerSecond)} events/s; ` +
            `peak RSS ${run.memory.peakRssMb} MB (from ${run.memory.baseRssMb}), peak heap ${run.memory.peakHeapMb} MB (from ${run.memory.baseHeapMb}), ` +
            `heap after full collections at most ${run.memory.liveHeapMb ?? '-'} MB; ` +
            `${checkpointsAfter.count - checkpointsBefore.count} checkpoints during it (${checkpointsAfter.buffers - checkpointsBefore.buffers} buffers written)`,
        );
        if (gcExposed) {
          const kept = await measured(() => rebuildReadModels(store, pool, { batchSize }), {
            forceGcEveryMs: KEPT_HEAP_GC_MS,
          });
          await dropInactiveGenerations(pool, await activeGeneration(pool));
          row.keptHeapMb = kept.memory.keptHeapMb;
          row.documentsMb = await documentsMb(pool);
          say(
            `  again, untimed, with a full collection every ${KEPT_HEAP_GC_MS} ms: the rebuild kept at most ${row.keptHeapMb ?? '-'} MB of heap alive; ` +
              `the documents it holds until its end are ${row.documentsMb} MB of JSON`,
          );
        }
      }
      await pool.query('VACUUM ANALYZE');
      say(`  read models: ${await readModelFacts(pool)}`);
    }

    // The service's own entry point in a process of its own, as production runs the API.
    const secret = await loadOrCreateJwtSecret(dir);
    const api = await startApiProcess({
      databaseUrl: postgres.url,
      dataDir: dir,
      caseHistoryCacheMb: o.historyCacheMb,
    });
    const closeStore = close;
    close = async () => {
      await api.stop().catch(() => undefined);
      await closeStore();
    };
    const { baseUrl } = api;
    const token = await issueDevToken(secret, { tenant: TENANT, roles: ['analyst'], subject: `analyst@${TENANT}` });
    const clerkToken = await issueDevToken(secret, { tenant: TENANT, roles: ['clerk'], subject: `clerk@${TENANT}` });
    const historyCache = async () => {
      const figures = await api.scrape();
      const figure = (name: string) => figures.get(`koproduktiv_case_history_cache_${name}`) ?? 0;
      return {
        hits: figure('hits_total'),
        misses: figure('misses_total'),
        entries: figure('entries'),
        bytes: figure('bytes'),
        maxBytes: figure('max_bytes'),
      };
    };
    const get = async (path: string, bearer = token) => {
      const t0 = process.hrtime.bigint();
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      const body = await response.text();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 500)}`);
      return { ms, body };
    };
    say();
    say(`API at ${baseUrl}`);

    // Uncached summaries: the first computation for a question (the cache is per question and read-model position).
    const span = 3 * 365 * 86_400_000;
    const firstNow = await get('/v1/metrics/summary');
    const summaryOf = JSON.parse(firstNow.body) as {
      data: { cases: number; openCases: number; dormantShare: number | null };
    };
    say(
      `summary (now), first computation: ${firstNow.ms.toFixed(0)} ms (${summaryOf.data.cases} cases, ${summaryOf.data.openCases} open, dormant share ${summaryOf.data.dormantShare?.toFixed(2)})`,
    );
    const uncached: number[] = [];
    for (let i = 0; i < 5; i++) {
      const asOf = new Date(Date.now() - span + ((i + 1) / 6) * span).toISOString().slice(0, 10);
      const { ms } = await get(`/v1/metrics/summary?asOf=${asOf}`);
      uncached.push(ms);
      say(`summary asOf=${asOf}, first computation: ${ms.toFixed(0)} ms`);
    }
    const cachedAsOf = new Date(Date.now() - span / 2).toISOString().slice(0, 10);
    await get(`/v1/metrics/summary?asOf=${cachedAsOf}`);

    // The worklist's first answer reads every case into the API's worklist index once.
    const firstWorklist = await get('/v1/worklist', clerkToken);
    const worklistOf = JSON.parse(firstWorklist.body) as { data: { items: unknown[] } };
    say(
      `worklist, first answer (every case read into the index): ${firstWorklist.ms.toFixed(0)} ms (${worklistOf.data.items.length} items due within 14 days or overdue)`,
    );

    const { caseIds, unitIds } = generator;
    const scenarios: { name: string; paths: string[]; target?: number; token?: string }[] = [
      { name: 'GET /v1/worklist (clerk)', paths: ['/v1/worklist'], target: TARGETS.worklistP99Ms, token: clerkToken },
      {
        name: 'GET /v1/worklist?unitId={random}&within={7|30|90}&kind={any} (clerk)',
        paths: unitIds.flatMap((unitId) =>
          [7, 30, 90].flatMap((within) =>
            ['', '&kind=commitment_overdue', '&kind=case_going_dormant'].map(
              (kind) => `/v1/worklist?unitId=${unitId}&within=${within}${kind}`,
            ),
          ),
        ),
        target: TARGETS.worklistP99Ms,
        token: clerkToken,
      },
      { name: 'GET /v1/metrics/summary (now, cached)', paths: ['/v1/metrics/summary'], target: TARGETS.summaryP99Ms },
      {
        name: `GET /v1/metrics/summary?asOf=${cachedAsOf} (cached)`,
        paths: [`/v1/metrics/summary?asOf=${cachedAsOf}`],
        target: TARGETS.summaryP99Ms,
      },
      {
        name: 'GET /v1/cases/{random}/metrics',
        paths: caseIds.map((id) => `/v1/cases/${id}/metrics`),
        target: TARGETS.caseMetricsP99Ms,
      },
      { name: 'GET /v1/cases?limit=50', paths: ['/v1/cases?limit=50'] },
      {
        name: 'GET /v1/cases?limit=50&cursor={random}',
        paths: caseIds.map((id) => `/v1/cases?limit=50&cursor=${encodeCursor(id)}`),
      },
    ];
    for (const scenario of scenarios) await get(scenario.paths[0], scenario.token);
    const latencies: LatencyRow[] = [];
    for (const scenario of scenarios) {
      const minuteBefore = Math.floor(Date.now() / 60_000);
      const cacheBefore = await historyCache();
      const result = await runReadLoad(
        {
          baseUrl,
          token: scenario.token ?? token,
          paths: scenario.paths,
          connections: o.connections,
          durationSeconds: o.duration,
          warmupSeconds: o.warmup,
        },
        wrk && dir,
      );
      const crossedMinute = Math.floor(Date.now() / 60_000) !== minuteBefore;
      const l = result.latencyMs;
      say(
        `${scenario.name}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${l.p50} ms, p97.5 ${l.p97_5} ms, p99 ${l.p99} ms, max ${l.max} ms; ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}` +
          (scenario.paths[0] === '/v1/metrics/summary' && crossedMinute
            ? ' (a minute boundary fell into the run: "now" was recomputed once)'
            : ''),
      );
      const cacheAfter = await historyCache();
      const [hits, misses] = [cacheAfter.hits - cacheBefore.hits, cacheAfter.misses - cacheBefore.misses];
      if (hits + misses > 0) {
        say(
          `  case history cache (CASE_HISTORY_CACHE_MB ${cacheAfter.maxBytes / 2 ** 20}): ${Math.round((100 * hits) / (hits + misses))} % of the requests (warm-up included) answered from it; ` +
            `it holds ${cacheAfter.entries} of ${o.cases} cases in ${(cacheAfter.bytes / 2 ** 20).toFixed(0)} MB`,
        );
      }
      if (result.non2xx > 0) {
        for (const path of scenario.paths.slice(0, 3))
          await get(path, scenario.token).catch((error) => say(`  ${String(error)}`));
      }
      latencies.push({ name: scenario.name, target: scenario.target, result });
    }
    // One connection: the time a request takes without queueing (latency at 32 connections is about 32 / throughput).
    const serviceTimes: string[] = [];
    for (const scenario of scenarios) {
      const single = await runReadLoad(
        {
          baseUrl,
          token: scenario.token ?? token,
          paths: scenario.paths,
          connections: 1,
          durationSeconds: 3,
          warmupSeconds: 0,
        },
        wrk && dir,
      );
      serviceTimes.push(
        `${scenario.name}: p50 ${single.latencyMs.p50} ms, p99 ${single.latencyMs.p99} ms, ${Math.round(single.requestsPerSecond)} req/s`,
      );
    }

    const apiFigures = await api.scrape();
    const mb = (name: string) => Math.round((apiFigures.get(`koproduktiv_${name}`) ?? 0) / 2 ** 20);
    say();
    say(
      `API process at the end: RSS ${mb('process_resident_memory_bytes')} MB, heap used ${mb('nodejs_heap_size_used_bytes')} MB of ${mb('nodejs_heap_size_total_bytes')} MB`,
    );
    printTable(o, rebuilds, latencies, uncached, firstNow.ms);
    say('The same at 1 connection (no queueing):');
    for (const line of serviceTimes) say(`  ${line}`);
    say(
      `store generation ${generationSeconds.toFixed(0)} s in total; benchmark ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    for (const fact of machineFacts(wrk)) say(fact);
    const failed = latencies.some(({ result }) => result.non2xx > 0 || result.errors > 0 || result.timeouts > 0);
    return failed ? 1 : 0;
  } finally {
    await close();
  }
}

function printTable(
  o: Options,
  rebuilds: readonly RebuildRow[],
  latencies: readonly LatencyRow[],
  uncached: readonly number[],
  firstNowMs: number,
): void {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const rows: string[][] = [];
  for (const r of rebuilds) {
    rows.push([
      `rebuild ${r.events} events, batch ${r.batchSize}`,
      `>= ${TARGETS.rebuildEventsPerSecond} events/s`,
      `${Math.round(r.eventsPerSecond)} events/s (${r.seconds.toFixed(1)} s); peak RSS ${r.memory.peakRssMb} MB, heap ${r.memory.peakHeapMb} MB`,
      pass(r.eventsPerSecond >= TARGETS.rebuildEventsPerSecond),
    ]);
  }
  for (const batchSize of o.batchSizes) {
    const runs = rebuilds.filter((r) => r.batchSize === batchSize);
    if (runs.length < 2) continue;
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const growth = large.memory.peakRssMb / small.memory.peakRssMb;
    const heapGrowth = large.memory.peakHeapMb / small.memory.peakHeapMb;
    // Peaks include garbage V8 has not collected yet (it lets more pile up in a longer run). What the
    // rebuild keeps alive is the heap right after full collections: forced ones in the memory run,
    // else V8's own, which may all fall early in a run. A rebuild holds every document until its end,
    // and documents grow as their entities do; flat in the number of events means that the heap
    // per MB of documents held does not grow.
    const kept = small.keptHeapMb !== undefined && large.keptHeapMb !== undefined;
    const [smallLive, largeLive] = kept
      ? [small.keptHeapMb, large.keptHeapMb]
      : [small.memory.liveHeapMb, large.memory.liveHeapMb];
    const liveGrowth = smallLive != null && largeLive != null ? largeLive / smallLive : null;
    const perDocument = (row: RebuildRow) =>
      row.keptHeapMb !== undefined && row.documentsMb ? row.keptHeapMb / row.documentsMb : undefined;
    const [smallPer, largePer] = [perDocument(small), perDocument(large)];
    const perDocumentGrowth = smallPer !== undefined && largePer !== undefined ? largePer / smallPer : undefined;
    const growthText = `${kept ? 'heap kept alive (forced full collections)' : 'heap after full collections'} x${liveGrowth?.toFixed(2) ?? '-'} (${smallLive ?? '-'} -> ${largeLive ?? '-'} MB)`;
    rows.push([
      `rebuild memory, batch ${batchSize}: ${small.events} -> ${large.events} events`,
      'flat in events',
      (perDocumentGrowth === undefined
        ? growthText
        : `per MB of documents held x${perDocumentGrowth.toFixed(2)} (${smallPer?.toFixed(2)} -> ${largePer?.toFixed(2)} MB); ${growthText}`) +
        `; peak RSS x${growth.toFixed(2)}, peak heap x${heapGrowth.toFixed(2)} for x${(large.events / small.events).toFixed(1)} events`,
      pass((perDocumentGrowth ?? liveGrowth ?? Infinity) < 1.25),
    ]);
  }
  for (const { name, target, result } of latencies) {
    const l = result.latencyMs;
    rows.push([
      name,
      target === undefined ? '-' : `p99 < ${target} ms`,
      `p50 ${l.p50} / p97.5 ${l.p97_5} / p99 ${l.p99} ms, ${Math.round(result.requestsPerSecond)} req/s, non-2xx ${result.non2xx}`,
      target === undefined
        ? result.non2xx === 0 && result.errors === 0
          ? 'ok'
          : 'ERR'
        : pass(l.p99 < target && result.non2xx === 0 && result.errors === 0),
    ]);
  }
  const sorted = [...uncached].sort((a, b) => a - b);
  rows.push([
    'summary, uncached (first computation per asOf)',
    `p99 < ${TARGETS.summaryP99Ms} ms`,
    `now ${firstNowMs.toFixed(0)} ms; 5 dates ${sorted.map((ms) => ms.toFixed(0)).join(', ')} ms (single requests)`,
    pass(Math.max(firstNowMs, ...uncached) < TARGETS.summaryP99Ms),
  ]);
  say(`Results (${o.events} events, ${o.cases} cases; ${o.connections} connections, ${o.duration} s per endpoint):`);
  say(table(['measure', 'target', 'measured', ''], rows));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function machineFacts(wrk: string | undefined): string[] {
  const cpu = cpus();
  return [
    `node ${process.version}, ${cpu.length} CPU${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    `PostgreSQL (embedded), the API and the load generator (${wrk ?? 'autocannon in a worker thread; apt-get install -y wrk costs the API less CPU'}) all share these ${cpu.length} CPUs.`,
  ];
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
