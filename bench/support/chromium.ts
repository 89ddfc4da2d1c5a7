import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium (CHROMIUM_PATH for another binary), driven by playwright-core; nothing is downloaded. */
export async function launchChromium(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!executablePath) throw new Error('No chromium found: apt-get install -y chromium, or set CHROMIUM_PATH');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
