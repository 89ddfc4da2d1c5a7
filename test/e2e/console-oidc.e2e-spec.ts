import { TokenVerifier } from '@koproduktiv/platform';
import type { Browser } from 'playwright-core';
import { ApiHarness, startApi } from '../support/api-harness';
import { describeBrowser, launchChromium } from '../support/browser';
import { FakeOidc, startFakeOidc } from '../console/fake-oidc';

const CLIENT_ID = 'koproduktiv-console';
const AUDIENCE = 'koproduktiv-api';

/** The console against an identity provider: authorization code with PKCE, tokens verified by the API through the JWKS. */
describeBrowser('console: sign-in through OIDC (authorization code + PKCE), in Chromium', () => {
  let idp: FakeOidc;
  let api: ApiHarness;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startFakeOidc({ clientId: CLIENT_ID, audience: AUDIENCE, tenant: 'musterstadt', roles: ['analyst'] });
    api = await startApi({
      withConsole: true,
      consoleSignIn: { mode: 'oidc', authority: idp.issuer, clientId: CLIENT_ID, scope: 'openid' },
      verifier: new TokenVerifier({ jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: AUDIENCE }),
    });
    await api.project(); // the read models' tables, as the projector makes them at start
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await idp?.close();
  });

  it('signs in at the provider, keeps the token out of URLs and localStorage, and the API accepts it', async () => {
    const context = await browser.newContext({ baseURL: api.baseUrl, locale: 'de-DE' });
    const page = await context.newPage();
    const problems: string[] = [];
    const visited: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('framenavigated', (frame) => visited.push(frame.url()));

    const index = await api.request('GET', '/console/');
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ${idp.issuer}`);
    expect(
      (await api.request('POST', '/v1/dev/sign-in', { body: '{}', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(404);

    // A bookmarked view: after signing in at the provider, the console shows it.
    await page.goto('/console/lagebild?asOf=2025-06-30');
    await page.getByRole('button', { name: 'Weiter zur Anmeldung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/console/lagebild?asOf=2025-06-30');
    expect(await page.getByLabel('Stichtag').inputValue()).toBe('2025-06-30');
    await page.getByText('Angemeldet: musterstadt · Analyse').waitFor();
    await page.locator('[data-panel="indices"]').waitFor();

    expect(idp.refused).toEqual([]);
    expect(idp.issued).toHaveLength(1);
    const token = idp.issued[0];
    expect(
      visited.some((url) => url.startsWith(`${idp.issuer}/authorize`) || url.includes('/console/callback?code=')),
    ).toBe(true);
    expect(visited.filter((url) => url.includes(token))).toEqual([]);
    expect(page.url()).not.toContain('code=');
    const stored = await page.evaluate(() => {
      const g = globalThis as unknown as {
        localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
      };
      return Array.from(
        { length: g.localStorage.length },
        (_, i) => g.localStorage.getItem(g.localStorage.key(i) as string) ?? '',
      ).join('\n');
    });
    expect(stored).not.toContain(token);
    // The token the console holds is the provider's, and the API verified it against the JWKS.
    const summary = await api.request('GET', '/v1/metrics/summary', { headers: { authorization: `Bearer ${token}` } });
    expect(summary.status).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });
});
