/**
 * Chromium for the console's browser tests: Debian's `chromium` package (`.ci/run` installs it),
 * driven by playwright-core; nothing is downloaded. CHROMIUM_PATH names another binary. Without
 * one the suites are skipped with the reason — and under CI=true or KP_REQUIRE_BROWSER=1 they
 * fail instead, because CI must prove the console in a real browser.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { describeBackend } from './backends';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((path) => existsSync(path));
}

export function describeBrowser(name: string, body: () => void): void {
  const path = chromiumPath();
  if (!path) {
    const line = '[backends] Chromium: skipped: no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)';
    process.stdout.write(`\n${line}\n`);
    if (process.env.CI === 'true' || process.env.KP_REQUIRE_BROWSER === '1')
      throw new Error(`${line} — CI must run the console's browser tests`);
    describe.skip(name, body);
    return;
  }
  describeBackend('Chromium', path);
  describe(name, body);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
