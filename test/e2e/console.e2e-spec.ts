import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startApi } from '../support/api-harness';
import { describeBrowser } from '../support/browser';
import {
  ConsoleHarness,
  demoContacts,
  screenshot,
  signIn,
  startConsoleHarness,
  TENANT,
} from '../console/console-harness';

const BUILD_REPORT = join(__dirname, '..', '..', 'dist', 'console', 'build-report.json');

/** The text of a chart panel's table (opened first), and its chart as an image. */
async function panel(page: Page, id: string): Promise<{ table: string; chart: string }> {
  const section = page.locator(`[data-panel="${id}"]`);
  const details = section.locator('details.table-alternative');
  if (!(await details.getAttribute('open'))) await details.locator('summary').click();
  const table = await section.locator('table').innerText();
  const chart = await section
    .locator('canvas')
    .first()
    .evaluate((canvas) => (canvas as unknown as { toDataURL(): string }).toDataURL());
  return { table, chart };
}

/** Waits until every loading indicator has gone. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
        '[role="status"]',
      ),
    undefined,
    { timeout: 30_000 },
  );
}

/** What has the keyboard focus: its tag, name, label and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Element = {
      tagName: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
      labels?: ArrayLike<{ textContent: string | null }>;
    };
    const element = (globalThis as unknown as { document: { activeElement: Element | null } }).document.activeElement;
    if (!element) return '';
    const label = element.labels?.[0]?.textContent ?? '';
    return `${element.tagName} ${element.getAttribute('name') ?? ''} ${label} ${element.textContent ?? ''}`.trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, at most `limit` times: only the keyboard moves. */
async function tabUntil(page: Page, pattern: RegExp, limit = 40, key = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    if (pattern.test(await focused(page))) return;
  }
  throw new Error(`${key} never reached ${pattern} (last: ${await focused(page)})`);
}

describeBrowser('console: the real service with the demo town, in Chromium', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsoleHarness();
  }, 120_000);
  afterAll(() => harness?.close());

  it('is served at /console with a strict Content-Security-Policy, its pages as index.html, missing files as 404', async () => {
    const index = await harness.api.request('GET', '/console/');
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(String(index.body)).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const page = await harness.api.request('GET', '/console/lagebild');
    expect(page.status).toBe(200);
    expect(String(page.body)).toBe(String(index.body));
    expect((await harness.api.request('GET', '/console/assets/missing.js')).status).toBe(404);
    expect((await harness.api.request('GET', '/console')).body).toBe(index.body); // redirected to /console/
    const config = await harness.api.request('GET', '/console/config.json');
    expect(config.body).toEqual({ signIn: { mode: 'development' } });
  });

  it('has no development sign-in where tokens come from elsewhere: the route is not there (404)', async () => {
    const without = await startApi();
    try {
      const refused = await without.request('POST', '/v1/dev/sign-in', {
        body: JSON.stringify({ tenant: TENANT, roles: ['admin'] }),
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(404);
      expect(refused.body.accessToken).toBeUndefined();
    } finally {
      await without.close();
    }
  });

  it('keeps its JavaScript under 500 KB gzipped (dist/console/build-report.json, written by the build)', () => {
    const report = JSON.parse(readFileSync(BUILD_REPORT, 'utf8')) as { javascript: { gzipBytes: number } };
    expect(report.javascript.gzipBytes).toBeGreaterThan(0);
    expect(report.javascript.gzipBytes).toBeLessThan(500 * 1000);
  });

  it('issues development tokens only for a valid tenant and known roles', async () => {
    const post = (body: unknown) =>
      harness.api.request('POST', '/v1/dev/sign-in', {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    const ok = await post({ tenant: TENANT, roles: ['analyst'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tokenType: 'Bearer', tenant: TENANT, roles: ['analyst'] });
    const summary = await harness.api.request('GET', '/v1/metrics/summary', {
      headers: { authorization: `Bearer ${ok.body.accessToken}` },
    });
    expect(summary.status).toBe(200);
    for (const bad of [
      { tenant: 'Muster Stadt', roles: ['analyst'] },
      { tenant: TENANT, roles: ['root'] },
      { tenant: TENANT, roles: [] },
      { tenant: TENANT },
    ]) {
      const refused = await post(bad);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('analyst: the Lagebild follows the date and the unit filter in its charts and tables, and downloads CSV', async () => {
    const { context, page, problems } = await harness.page();
    await signIn(page, 'analyst');
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    await settled(page);
    await screenshot(page, 'lagebild');

    const before = await panel(page, 'indices');
    expect(before.table).toMatch(/Vertrauensindex/);
    const asOf = page.getByLabel('Stichtag');
    const today = await asOf.inputValue();
    const earlier = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}15`;
    await asOf.fill(earlier);
    await settled(page);
    const after = await panel(page, 'indices');
    expect(after.table).not.toBe(before.table);
    expect(after.chart).not.toBe(before.chart);

    // A unit whose open cases differ from the whole municipality's, found through the API.
    const token = await harness.api.token(TENANT, 'analyst');
    const directory = (
      await harness.api.request('GET', '/v1/directory', { headers: { authorization: `Bearer ${token}` } })
    ).body.data;
    const perStage = async (unitId?: string) =>
      JSON.stringify(
        (
          await harness.api.get(`/v1/metrics/summary?asOf=${earlier}${unitId ? `&unitId=${unitId}` : ''}`, TENANT, [
            'analyst',
          ])
        ).body.data.casesPerStage,
      );
    const all = await perStage();
    let unit: { unitId: string; name: string } | undefined;
    for (const candidate of directory.units) if ((await perStage(candidate.unitId)) !== all) unit = candidate;
    expect(unit).toBeDefined();
    const stagesBefore = await panel(page, 'stages');
    await page.getByLabel('Organisationseinheit').selectOption(unit!.unitId);
    await settled(page);
    const stagesAfter = await panel(page, 'stages');
    expect(stagesAfter.table).not.toBe(stagesBefore.table);
    expect(stagesAfter.chart).not.toBe(stagesBefore.chart);

    const download = page.waitForEvent('download');
    await page.locator('[data-panel="indices"]').getByRole('button', { name: 'Daten als CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^musterstadt-timeseries-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toContain(';');
    expect(csv.trim().split('\r\n')).toHaveLength(13);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('analyst: the date and filters are in the address: a bookmarked view opens as it was, Back undoes a choice', async () => {
    const { context, page, problems } = await harness.page();
    await signIn(page, 'analyst');
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    await settled(page);
    const token = await harness.api.token(TENANT, 'analyst');
    const directory = (
      await harness.api.request('GET', '/v1/directory', { headers: { authorization: `Bearer ${token}` } })
    ).body.data as { units: { unitId: string }[]; categories: string[] };
    const unitId = directory.units[0].unitId;
    const category = directory.categories[0];
    const today = await page.getByLabel('Stichtag').inputValue();
    const earlier = `${Number(today.slice(0, 4)) - 1}-03-31`;

    // Years typed digit by digit (0002, 0020, 0202 on the way, kept in the field), one after the other
    // at once, are one step of the history.
    const typedYear = Number(today.slice(0, 4)) - 2;
    await page.getByLabel('Stichtag').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // the year, the date field's last part
    await page.keyboard.type(String(typedYear + 1));
    await page.keyboard.type(String(typedYear)); // typed over at once: still the same step
    await settled(page);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(`${typedYear}${today.slice(4)}`);
    expect(await page.getByLabel('Stichtag').inputValue()).toBe(`${typedYear}${today.slice(4)}`);
    await page.goBack();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('asOf')).toBeNull();
    expect(await page.getByLabel('Stichtag').inputValue()).toBe(today);

    // Chosen by hand: each choice lands in the address.
    await page.getByLabel('Stichtag').fill(earlier);
    await settled(page);
    await page.getByLabel('Organisationseinheit').selectOption(unitId);
    await settled(page);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(earlier);
    expect(new URL(page.url()).searchParams.get('unitId')).toBe(unitId);
    const chosen = await panel(page, 'indices');

    // The same address in a new tab (a bookmark, a shared link): signed in there, it shows the same view.
    const bookmark = page.url();
    const second = await context.newPage();
    await second.goto(bookmark);
    await second.getByLabel('Kommune (Mandant)').fill(TENANT);
    await second.getByRole('button', { name: 'Anmelden' }).click();
    await second.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    expect(second.url()).toBe(bookmark);
    await settled(second);
    expect(await second.getByLabel('Stichtag').inputValue()).toBe(earlier);
    expect(await second.getByLabel('Organisationseinheit').inputValue()).toBe(unitId);
    expect((await panel(second, 'indices')).table).toBe(chosen.table);
    await second.close();

    // Back undoes the last choice, Forward redoes it.
    await page.getByLabel('Kategorie').selectOption(category);
    await settled(page);
    expect(new URL(page.url()).searchParams.get('category')).toBe(category);
    await page.goBack();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('category')).toBeNull();
    expect(await page.getByLabel('Kategorie').inputValue()).toBe('');
    expect((await panel(page, 'indices')).table).toBe(chosen.table);
    await page.goBack();
    await settled(page);
    expect(await page.getByLabel('Organisationseinheit').inputValue()).toBe('');
    expect(await page.getByLabel('Stichtag').inputValue()).toBe(earlier);
    await page.goForward();
    await settled(page);
    expect(await page.getByLabel('Organisationseinheit').inputValue()).toBe(unitId);

    // A hand-edited address with values the municipality does not have falls back to the defaults.
    await page.goto('/console/lagebild?asOf=2026-02-30&unitId=nonsense&category=%3Cscript%3E');
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    await settled(page);
    expect(await page.getByLabel('Stichtag').inputValue()).toBe(today);
    expect(await page.getByLabel('Organisationseinheit').inputValue()).toBe('');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('analyst: an initiative shows its cases and metrics, and never a contact detail', async () => {
    const { context, page, problems } = await harness.page();
    await signIn(page, 'analyst');
    await page.getByRole('link', { name: 'Initiativen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Initiativen' }).waitFor();
    const picker = page.getByLabel('Initiative', { exact: true });
    const options = await picker
      .locator('option')
      .evaluateAll((list) => list.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(5);
    const contacts = demoContacts();
    expect(contacts.length).toBeGreaterThan(5);
    for (const [i, id] of options.entries()) {
      await picker.selectOption(id);
      await page.getByRole('heading', { level: 3, name: /Vorgänge der Initiative/ }).waitFor();
      await settled(page);
      if (i === 0) await screenshot(page, 'initiative');
      const text = await page.locator('body').innerText();
      const html = await page.content();
      for (const contact of contacts) {
        expect(text).not.toContain(contact);
        expect(html).not.toContain(contact);
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('clerk: the worklist follows its filters, and an item leads to its case file', async () => {
    const { context, page, problems } = await harness.page();
    await signIn(page, 'clerk');
    await page.getByRole('heading', { level: 1, name: 'Arbeitsliste' }).waitFor();
    await settled(page);
    const rows = page.locator('table.worklist tbody tr');
    await page.getByLabel('Fällig innerhalb von').selectOption('60');
    await settled(page);
    const wide = await rows.count();
    expect(wide).toBeGreaterThan(0);
    await screenshot(page, 'arbeitsliste');
    await page.getByLabel('Art', { exact: true }).selectOption('commitment_overdue');
    await settled(page);
    const overdue = await rows.count();
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(wide);
    for (const text of await rows.locator('td:nth-child(2)').allInnerTexts())
      expect(text).toMatch(/^Zusage überfällig/);

    const first = rows.first().getByRole('link');
    const title = await first.innerText();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/console\/vorgang\/[0-9a-f-]{36}$/);
    await first.click();
    await page.waitForURL(`**${href}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settled(page);
    await page.getByRole('heading', { level: 2, name: 'Zusagen' }).waitFor();
    // The item was an overdue commitment: the case file shows it so, with what was promised.
    const overdueRows = page.locator('table tbody tr.overdue');
    expect(await overdueRows.count()).toBeGreaterThan(0);
    expect(await overdueRows.first().locator('td').nth(2).innerText()).toBe('überfällig');
    expect((await overdueRows.first().locator('th').innerText()).length).toBeGreaterThan(3);
    // The timeline: every event with when it happened and when it was recorded, by business time.
    const timeline = page.locator('table.timeline tbody tr');
    expect(await timeline.count()).toBeGreaterThan(3);
    const times = async () =>
      timeline.evaluateAll((rows) =>
        rows.map((row) =>
          Array.from(
            (row as unknown as { querySelectorAll(s: string): ArrayLike<unknown> }).querySelectorAll('time'),
          ).map((time) => (time as { getAttribute(name: string): string }).getAttribute('datetime')),
        ),
      );
    const byOccurred = await times();
    for (const pair of byOccurred) expect(pair).toHaveLength(2);
    const occurred = byOccurred.map(([at]) => at as string);
    expect(occurred).toEqual([...occurred].sort());
    // The demo town's history was entered when it was loaded: each event later than it happened.
    expect(byOccurred.some(([at, recorded]) => (recorded as string) > (at as string))).toBe(true);
    expect(await page.getByText('nachträglich erfasst').count()).toBeGreaterThan(0);
    await screenshot(page, 'vorgang');
    await page.getByLabel('Sortiert nach').selectOption('recorded');
    expect(new URL(page.url()).searchParams.get('order')).toBe('recorded');
    const recorded = (await times()).map(([, at]) => at as string);
    expect(recorded).toEqual([...recorded].sort());
    await page.goBack();
    expect(await page.getByLabel('Sortiert nach').inputValue()).toBe('occurred');

    // Back at the worklist, its filters are as they were: they are in the address.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Arbeitsliste' }).waitFor();
    await settled(page);
    expect(new URL(page.url()).search).toBe('?within=60&kind=commitment_overdue');
    expect(await page.getByLabel('Art', { exact: true }).inputValue()).toBe('commitment_overdue');
    expect(await page.getByLabel('Fällig innerhalb von').inputValue()).toBe('60');
    expect(await rows.count()).toBe(overdue);

    // Only the cases one is the contact person of: the development sign-in's subject is no demo clerk's.
    await page.getByLabel('Ansprechperson').selectOption('me');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('contact')).toBe('me');
    expect(await rows.count()).toBe(0);
    await page.getByText('Nichts fällig.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("clerk: a case file shows its funding applications as the fund's statement has them, in German money and dates", async () => {
    // A demo case with an award whose proof of use has a state (an overdue one if the demo has one).
    type Application = {
      fundName: string | null;
      status: string;
      requestedCents: number | null;
      awardedCents: number;
      disbursedCents: number;
      proofDueOn: string | null;
      proof: string | null;
    };
    const list = await harness.api.get('/v1/cases?limit=200', TENANT, ['clerk']);
    const awarded = (list.body.data.items as { caseId: string; fundingApplications: object }[]).filter((doc) =>
      Object.values(doc.fundingApplications).some((a: { status: string }) => a.status === 'awarded'),
    );
    const files: { caseId: string; applications: Application[] }[] = [];
    for (const { caseId } of awarded) {
      const one = await harness.api.get(`/v1/cases/${caseId}`, TENANT, ['clerk']);
      files.push({ caseId, applications: one.body.data.file.applications });
    }
    const withProof = files.filter((file) => file.applications.some((a) => a.proof !== null));
    const chosen = withProof.find((file) => file.applications.some((a) => a.proof === 'overdue')) ?? withProof[0];
    expect(chosen).toBeDefined();

    const { context, page, problems } = await harness.page();
    await signIn(page, 'clerk');
    await page.goto(`/console/vorgang/${chosen.caseId}`);
    await page.getByRole('heading', { level: 2, name: 'Förderanträge und Zuschüsse' }).waitFor();
    await settled(page);
    const rows = page.locator('table.funding tbody tr');
    expect(await rows.count()).toBe(chosen.applications.length);
    const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
    const day = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' });
    const index = chosen.applications.findIndex((a) => a.proof !== null);
    const application = chosen.applications[index];
    const cells = await rows.nth(index).locator('th, td').allInnerTexts();
    const status = { awarded: 'bewilligt', settled: 'abgeschlossen' }[application.status];
    const proof = { due: 'ausstehend', overdue: 'überfällig', reviewed: 'geprüft am' }[application.proof as string];
    expect(cells.slice(0, 6)).toEqual([
      application.fundName,
      expect.stringContaining(status as string),
      euros.format((application.requestedCents ?? 0) / 100),
      euros.format(application.awardedCents / 100),
      euros.format(application.disbursedCents / 100),
      day.format(new Date(`${application.proofDueOn}T12:00:00Z`)),
    ]);
    expect(cells[1]).toMatch(/^[a-zäöü]/); // a German label, not the API's code
    expect(cells[6]).toMatch(new RegExp(`^${proof}`));
    expect(await rows.nth(index).getAttribute('class')).toBe(application.proof === 'overdue' ? 'overdue' : null);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('clerk: the worklist pages through its items, the page in the address, and Back returns to the page before', async () => {
    const { context, page, problems } = await harness.page();
    await signIn(page, 'clerk');
    const { total } = (await harness.api.get('/v1/worklist?within=60', TENANT, ['clerk'])).body.data;
    expect(total).toBeGreaterThan(10); // the demo town has enough to fill two pages of ten
    await page.goto('/console/arbeitsliste?within=60&perPage=10');
    await page.getByRole('heading', { level: 2, name: `${total} Einträge` }).waitFor();
    await settled(page);
    const rows = page.locator('table.worklist tbody tr');
    expect(await rows.count()).toBe(10);
    const firstPage = await rows.allInnerTexts();
    expect(await page.getByRole('button', { name: 'Zur ersten Seite' }).count()).toBe(0);

    // The CSV is the whole worklist, all its pages under one header row.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Arbeitsliste als CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${TENANT}-worklist.csv`);
    const csv = readFileSync((await file.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(total + 1);
    expect(lines.filter((line) => line === lines[0])).toHaveLength(1);

    const seen = [...firstPage];
    for (let pages = 1; seen.length < total; pages += 1) {
      expect(pages).toBeLessThan(10);
      await page.getByRole('button', { name: 'Nächste Seite' }).click();
      await settled(page);
      expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
      seen.push(...(await rows.allInnerTexts()));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(await page.getByRole('button', { name: 'Nächste Seite' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Zur ersten Seite' }).click();
    await settled(page);
    expect(await rows.allInnerTexts()).toEqual(firstPage);
    await page.goBack();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
    expect(await page.getByLabel('Einträge je Seite').inputValue()).toBe('10');

    expect(problems).toEqual([]);

    // A page address whose cursor the service does not know (an old bookmark) says so and leads to the first page.
    await page.goto('/console/arbeitsliste?within=60&perPage=10&cursor=not-a-cursor');
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: 'Zur ersten Seite' }).click();
    await settled(page);
    expect(new URL(page.url()).search).toBe('?within=60&perPage=10');
    expect(await rows.allInnerTexts()).toEqual(firstPage);
    expect(problems).toEqual([expect.stringContaining('status of 404')]); // the browser's note of the refused cursor
    await context.close();
  });

  it("an analyst cannot open the clerks' pages", async () => {
    const { context, page } = await harness.page();
    await signIn(page, 'analyst');
    for (const path of ['/console/arbeitsliste', '/console/vorgang/0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    }
    expect(await page.getByRole('link', { name: 'Arbeitsliste' }).count()).toBe(0);
    await context.close();
  });

  it('axe-core finds no serious or critical violation on any page', async () => {
    const { context, page } = await harness.page();
    const check = async (name: string) => {
      await settled(page);
      for (const details of await page.locator('details').all())
        await details.evaluate((d) => d.setAttribute('open', ''));
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const grave = violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${name}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
      expect(grave).toEqual([]);
    };
    await page.goto('/console/');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await check('sign-in');
    await signIn(page, 'analyst');
    await check('Lagebild');
    await page.getByRole('link', { name: 'Initiativen' }).click();
    await page.getByLabel('Initiative', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('heading', { level: 3, name: /Vorgänge der Initiative/ }).waitFor();
    await check('Initiative');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await signIn(page, 'clerk');
    await check('Arbeitsliste');
    await page.locator('table.worklist tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Zusagen' }).waitFor();
    await check('Vorgang');
    await context.close();
  }, 120_000);

  it('works by keyboard alone: sign in, move between pages, choose, open a table, switch language', async () => {
    const { context, page, problems } = await harness.page();
    await page.goto('/console/');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    const tabTo = (pattern: RegExp, limit?: number) => tabUntil(page, pattern, limit);
    await tabTo(/^INPUT tenant/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(TENANT);
    await tabTo(/^INPUT role/);
    await page.keyboard.press('ArrowDown'); // from Analyse (the default) round to Sachbearbeitung
    await page.keyboard.press('ArrowDown'); // and back to Analyse
    expect(await page.getByRole('radio', { name: 'Analyse' }).isChecked()).toBe(true);
    await tabTo(/^BUTTON\s+Anmelden/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    await settled(page);

    // The Lagebild's filters by arrow keys: the date a year back (its year field is the last), then a unit.
    await tabTo(/^INPUT\s+Stichtag/);
    const today = await page.getByLabel('Stichtag').inputValue();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
    await tabTo(/^SELECT\s+Organisationseinheit/);
    await page.keyboard.press('ArrowDown');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('unitId')).toMatch(/^[0-9a-f-]{36}$/);
    await tabUntil(page, /^A\s+Initiativen/, 80, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Initiativen' }).waitFor();
    await tabTo(/^SELECT/);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 3, name: /Vorgänge der Initiative/ }).waitFor();
    await settled(page);
    await tabTo(/^SUMMARY\s+Tabelle/, 80);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-panel="members"] table').isVisible()).toBe(true);
    await tabTo(/^BUTTON\s+English/, 120);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Initiatives' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works by keyboard alone for a clerk: filter the worklist, open a case, sort its timeline, go back', async () => {
    const { context, page, problems } = await harness.page();
    await page.goto('/console/');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await tabUntil(page, /^INPUT tenant/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(TENANT);
    await tabUntil(page, /^INPUT role/);
    await page.keyboard.press('ArrowDown'); // from Analyse (the default) to Sachbearbeitung
    expect(await page.getByRole('radio', { name: 'Sachbearbeitung' }).isChecked()).toBe(true);
    await tabUntil(page, /^BUTTON\s+Anmelden/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Arbeitsliste' }).waitFor();
    await settled(page);

    await tabUntil(page, /^SELECT\s+Fällig innerhalb von/);
    await page.keyboard.press('ArrowDown'); // 14 → 30
    await page.keyboard.press('ArrowDown'); // 30 → 60
    await settled(page);
    await tabUntil(page, /^SELECT\s+Art/);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown'); // all → … → commitment overdue
    await settled(page);
    expect(new URL(page.url()).search).toBe('?within=60&kind=commitment_overdue');
    await tabUntil(page, /^A\s+\S/);
    const title = (await focused(page)).replace(/^A\s+/, '');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settled(page);

    await tabUntil(page, /^SELECT\s+Sortiert nach/, 120);
    await page.keyboard.press('ArrowDown');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('order')).toBe('recorded');
    await tabUntil(page, /^A\s+Zurück zur Arbeitsliste/, 120, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Arbeitsliste' }).waitFor();
    await settled(page);
    expect(new URL(page.url()).search).toBe('?within=60&kind=commitment_overdue');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a clerk cannot open the analysts' pages", async () => {
    const { context, page } = await harness.page();
    await signIn(page, 'clerk');
    await page.goto('/console/lagebild');
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    expect(await page.getByRole('link', { name: 'Lagebild' }).count()).toBe(0);
    await context.close();
  });
});
