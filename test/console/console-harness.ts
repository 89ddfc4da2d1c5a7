import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PostgresIdempotencyStore } from '@koproduktiv/platform';
import { playStory } from '../../apps/cli/src/commands/demo/play';
import { INITIATIVES } from '../../apps/cli/src/commands/demo/story/initiatives';
import { ApiHarness, startApi } from '../support/api-harness';
import { launchChromium } from '../support/browser';

export const TENANT = 'musterstadt';

/** Where the README's screenshots live; rewritten only with KP_SCREENSHOTS=1 (npm run console:screenshots). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'console');

export interface ConsoleHarness {
  readonly api: ApiHarness;
  readonly browser: Browser;
  /** A fresh browser context (its own sessionStorage) with a page that records CSP violations and page errors. */
  page(): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  close(): Promise<void>;
}

/** The real service over HTTP with the built console and the demo town, and a headless Chromium. */
export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const api = await startApi({ withConsole: true });
  await playStory(api.store, new PostgresIdempotencyStore(api.db.pool), api.personalData.codec, {
    tenant: TENANT,
    seed: 1,
  });
  await api.project();
  const browser = await launchChromium();
  return {
    api,
    browser,
    async page() {
      const context = await browser.newContext({
        baseURL: api.baseUrl,
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      return { context, page, problems };
    },
    async close() {
      await browser?.close();
      await api?.close();
    },
  };
}

/** Signs in through the console's development sign-in form, as a person would. */
export async function signIn(page: Page, role: 'clerk' | 'analyst'): Promise<void> {
  await page.goto('/console/');
  await page.getByLabel('Kommune (Mandant)').fill(TENANT);
  await page.getByRole('radio', { name: role === 'clerk' ? 'Sachbearbeitung' : 'Analyse' }).check();
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}

/** Every contact detail of the demo's initiatives: personal data no analyst may see. */
export function demoContacts(): string[] {
  return Object.values(INITIATIVES).flatMap((plan) =>
    [plan.contact, ...(plan.updates ?? []).map((update) => update.contact)]
      .filter((contact) => contact !== undefined)
      .flatMap((contact) => Object.values(contact as Record<string, string>)),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.KP_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
