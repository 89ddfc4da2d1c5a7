/**
 * The console's first load of the Lagebild with 10 000 cases (issue 18: target under 2 s).
 *
 *   npm run bench:console                                  # 10 000 cases, 300 000 events
 *   npm run bench:console -- --cases 1000 --events 30000   # a quick check
 *
 * Options: --cases C (10000), --events N (300000), --runs R (5), --seed 1.
 *
 * A store generated as bench:projections generates it (test/fixtures/projections-data.ts) in an
 * embedded PostgreSQL, its read models rebuilt; the service's API (dist/apps/api/src/main.js, its
 * default configuration, the projector off) serves the built console (`npm run build`); the
 * snapshots the projector keeps for the Lagebild (SnapshotKeeper) are kept once before it starts,
 * as a running projector would have kept them. Chromium
 * (Debian's, through playwright-core) opens /console/lagebild in a fresh browser context each time
 * (no cached files), signed in with a development token placed in sessionStorage before the page
 * loads, and the time from navigation to the last chart and table drawn (no loading indicator left)
 * is taken:
 *   - cold: the first load after the API started (its case history cache and summaries empty; the
 *     kept snapshots in PostgreSQL);
 *   - warm: R more first loads, each in a new browser, the service's caches as the first one left them;
 *   - new date: R times, in the last browser, the Stichtag moved one day back and the page redrawn
 *     (a summary and time series the service has not computed for that date);
 *   - filters: a category, then (with it) a unit, chosen once each;
 *   - a day not kept: once, the Stichtag 45 days back (not a month's end), whose summary is computed
 *     from every case history.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { DomainEvent } from '@koproduktiv/domain';
import { EventStore, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { EventCodec, openPersonalData } from '@koproduktiv/personal-data';
import { createPool, issueDevToken, loadOrCreateJwtSecret, startEmbeddedPostgres } from '@koproduktiv/platform';
import { rebuildReadModels, SnapshotKeeper } from '@koproduktiv/projections';
import { metricsSettingsFromEnv } from '@koproduktiv/config';
import { TENANT } from '../test/fixtures/bodies';
import { StoreGenerator } from '../test/fixtures/projections-data';
import { startApiProcess } from './support/api-process';
import { launchChromium } from './support/chromium';
import { median } from './support/median';

const say = (line = '') => process.stdout.write(`${line}\n`);
const TARGET_MS = 2000;

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      events: { type: 'string', default: '300000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
    },
  });
  const int = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return { cases: int('cases'), events: int('events'), runs: int('runs'), seed: int('seed') };
}

/** Waits until the Lagebild shows every panel and no loading indicator. */
async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return doc.querySelectorAll('[data-panel]').length >= 7 && doc.querySelectorAll('[role="status"]').length === 0;
    },
    undefined,
    { timeout: 120_000, polling: 10 },
  );
}

/** The API requests of a load, slowest first (each from its start to its answer's end). */
const slowest = (requests: { path: string; ms: number }[]) =>
  [...requests]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4)
    .map((r) => `${r.path.replace(/[0-9a-f-]{36}/, '{id}')} ${Math.round(r.ms)} ms`)
    .join(', ');

/** Every request of a load in the order they started, from and to (ms after the first one started): what waits for what. */
const waterfall = (all: { path: string; from: number; to: number }[]) => {
  const zero = Math.min(...all.map((r) => r.from));
  return [...all]
    .sort((a, b) => a.from - b.from)
    .map(
      (r) =>
        `${r.path.replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '-*.$1')} ${Math.round(r.from - zero)}–${Math.round(r.to - zero)}`,
    )
    .join(', ');
};

async function firstLoad(
  browser: Browser,
  baseUrl: string,
  session: string,
): Promise<{ ms: number; page: Page; requests: { path: string; ms: number }[]; waterfall: string }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  await context.addInitScript((value) => {
    (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
      'koproduktiv.session',
      value,
    );
  }, session);
  const page = await context.newPage();
  const requests: { path: string; ms: number }[] = [];
  const all: { path: string; from: number; to: number }[] = [];
  page.on('requestfinished', (request) => {
    const timing = request.timing();
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/v1/')) requests.push({ path, ms: timing.responseEnd });
    all.push({ path, from: timing.startTime, to: timing.startTime + timing.responseEnd });
  });
  const started = performance.now();
  await page.goto('/console/lagebild');
  await drawn(page);
  const ms = performance.now() - started;
  return { ms, page, requests, waterfall: waterfall(all) };
}

/** The store with personal data sealed on the way in, as the command path writes it (the service refuses a plain-text store). */
function sealing(store: EventStore, codec: EventCodec): EventStore {
  const sealed = Object.create(store) as EventStore;
  sealed.append = async (tenant, streamId, events, expected) =>
    store.append(
      tenant,
      streamId,
      await Promise.all(
        events.map(async (event) => ({
          ...event,
          data: (
            await codec.encode(tenant, [{ type: event.type, data: event.data } as DomainEvent], event.occurredAt)
          )[0],
        })),
      ),
      expected,
    );
  return sealed;
}

async function main(): Promise<void> {
  const o = options();
  say(`Console first load of the Lagebild: ${o.cases} cases, ${o.events} events (tenant ${TENANT})`);
  say(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'kp-bench-console-'));
  const postgres = await startEmbeddedPostgres({ dataDir: dir });
  const pool = createPool({ connectionString: postgres.url, max: 16, applicationName: 'koproduktiv-bench' });
  let browser: Browser | undefined;
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  try {
    await migrate(pool);
    const store = new PostgresEventStore(pool);
    const { codec } = await openPersonalData(pool, { dataDir: dir, needsKeyEncryptionKey: true });
    const generator = new StoreGenerator({ events: o.events, cases: o.cases, chunk: 25, seed: o.seed });
    await generator.grow(sealing(store, codec), o.events, 8);
    await rebuildReadModels(store, pool, { batchSize: 5000 });
    // What the projector does after the read models: keep the snapshots the Lagebild asks first.
    const keeping = performance.now();
    const kept = await new SnapshotKeeper(pool, metricsSettingsFromEnv(process.env.METRICS_SETTINGS)).keep();
    const keptMs = performance.now() - keeping;
    const { rows: stored } = await pool.query<{ bytes: string }>(
      'SELECT sum(length(cases)) AS bytes FROM kp_kept_snapshots',
    );
    await pool.query('VACUUM ANALYZE');
    say(`store: ${o.events} events, read models rebuilt`);
    say(
      `kept snapshots: ${kept.computed} instants taken in ${Math.round(keptMs)} ms, ${(
        Number(stored[0].bytes) / 1048576
      ).toFixed(1)} MB stored`,
    );

    api = await startApiProcess({ databaseUrl: postgres.url, dataDir: dir, caseHistoryCacheMb: 128 });
    const token = await issueDevToken(await loadOrCreateJwtSecret(dir), { tenant: TENANT, roles: ['analyst'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
    const session = JSON.stringify({
      token,
      tenant: TENANT,
      roles: ['analyst'],
      subject: 'bench',
      expiresAt: claims.exp * 1000,
      via: 'development',
    });
    browser = await launchChromium();

    const cold = await firstLoad(browser, api.baseUrl, session);
    await cold.page.context().close();
    say(
      `cold (first load after the API started): ${Math.round(cold.ms)} ms; slowest requests: ${slowest(cold.requests)}`,
    );
    say(`  its requests (ms after the first started): ${cold.waterfall}`);

    const warm: number[] = [];
    let last: Page | undefined;
    for (let run = 0; run < o.runs; run += 1) {
      const loaded = await firstLoad(browser, api.baseUrl, session);
      warm.push(loaded.ms);
      say(`  warm load ${run + 1}: ${Math.round(loaded.ms)} ms; slowest requests: ${slowest(loaded.requests)}`);
      if (last) await last.context().close();
      last = loaded.page;
    }
    say(`warm (a new browser each time): ${warm.map(Math.round).join(', ')} ms; median ${Math.round(median(warm))} ms`);

    const moved: number[] = [];
    const asOf = last!.getByLabel('Stichtag');
    for (let run = 0; run < o.runs; run += 1) {
      const day = new Date(`${await asOf.inputValue()}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() - 1);
      const started = performance.now();
      await asOf.fill(day.toISOString().slice(0, 10));
      await drawn(last!);
      moved.push(performance.now() - started);
    }
    say(
      `new date (Stichtag one day back): ${moved.map(Math.round).join(', ')} ms; median ${Math.round(median(moved))} ms`,
    );
    // Filters: the kept snapshots of every instant filtered and aggregated (no kept aggregate fits).
    const filtered: string[] = [];
    for (const label of ['Kategorie', 'Organisationseinheit']) {
      const select = last!.getByLabel(label);
      const option = await select.locator('option').nth(1).getAttribute('value');
      const started = performance.now();
      await select.selectOption(option as string);
      await drawn(last!);
      filtered.push(`${label} ${Math.round(performance.now() - started)} ms`);
    }
    say(`a filter chosen (summary and twelve months filtered, one after the other): ${filtered.join(', ')}`);
    // A day the projector does not keep (more than a month back, not a month's end): every history is read.
    const older = new Date(`${await asOf.inputValue()}T12:00:00Z`);
    older.setUTCDate(older.getUTCDate() - 45);
    if (older.getUTCDate() === new Date(older.getUTCFullYear(), older.getUTCMonth() + 1, 0).getDate())
      older.setUTCDate(older.getUTCDate() - 1);
    const olderStarted = performance.now();
    await asOf.fill(older.toISOString().slice(0, 10));
    await drawn(last!);
    say(
      `a day not kept (Stichtag ${older.toISOString().slice(0, 10)}, read from every history): ${Math.round(performance.now() - olderStarted)} ms`,
    );
    const met = (ms: number) => (ms < TARGET_MS ? 'met' : 'NOT met');
    say(
      `target ${TARGET_MS} ms: cold ${met(cold.ms)}, warm median ${met(median(warm))}, new date median ${met(median(moved))}`,
    );
  } finally {
    await browser?.close();
    await api?.stop();
    await pool.end().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
