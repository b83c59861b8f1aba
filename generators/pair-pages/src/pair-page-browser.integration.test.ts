/**
 * Opens the Stripe → Kustomer page and its mirror in a real headless Chromium (Debian's
 * package, installed by tools/chromium/install.sh when missing), reads what a visitor sees,
 * follows the mirror link and saves screenshots into <outDir>/screenshots/.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { ensureChromium, launchChromium, type Chromium } from './testing/chromium.ts';
import { serveStatic } from './testing/static-server.ts';
import { REPO_ROOT, stripeAndKustomer } from './testing/stripe-kustomer.ts';

const outDir = join(REPO_ROOT, 'generators', 'pair-pages', '.test-output', 'browser-site');
let server: Awaited<ReturnType<typeof serveStatic>>;
let context: BrowserContext;
let browser: Chromium;
let kustomerTriggers = 0;
let mostUsed = '';

beforeAll(async () => {
  ensureChromium();
  rmSync(outDir, { recursive: true, force: true });
  const { manifests, stripe, kustomer } = await stripeAndKustomer();
  kustomerTriggers = kustomer.triggers.length;
  // No usage given: the first trigger × first action of the manifests.
  mostUsed = `Most-used pairing: ${stripe.triggers[0].displayName} → ${kustomer.actions[0].displayName}.`;
  server = await serveStatic(outDir);
  await buildSite({ manifests, outDir, baseUrl: server.url });
  browser = await launchChromium();
  context = browser.context;
}, 660_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('shows a visitor the Stripe → Kustomer page, then its mirror one click away', async () => {
  const page = await context.newPage();
  const response = await page.goto(`${server.url}/integrations/stripe/with/kustomer/`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1').innerText()).resolves.toBe('Connect Stripe to Kustomer in two minutes');
  for (const text of [
    '10 Stripe triggers wired to 4 Kustomer actions.',
    'Showing 9 of 40 combinations',
    'POST /v1/webhooks/stripe/<token>',
    'kustomer.create-conversation',
    'See all 10 triggers →',
  ]) {
    expect(await page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
  }
  expect(await page.getByText(mostUsed, { exact: true }).isVisible()).toBe(true);
  const background = await page
    .locator('.button')
    .first()
    .evaluate(
      (el) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el)
          .backgroundColor,
    );
  expect(background).toBe('rgb(11, 87, 208)'); // the stylesheet loaded
  expect(await page.locator('.pairings a').first().getAttribute('href')).toMatch(
    /^\/editor\/new\?trigger=stripe\.charge-failed&action=kustomer\./,
  );
  await page.screenshot({ path: join(outDir, 'screenshots', 'stripe-with-kustomer.png'), fullPage: true });

  await page.getByRole('link', { name: 'See Kustomer → Stripe' }).first().click();
  await page.waitForURL('**/integrations/kustomer/with/stripe/');
  await expect(page.locator('h1').innerText()).resolves.toMatch(/^Connect Kustomer to Stripe/);
  const counts = `${kustomerTriggers} Kustomer trigger${kustomerTriggers === 1 ? '' : 's'} wired to 31 Stripe actions.`;
  expect(await page.getByText(counts).first().isVisible()).toBe(true);
  await page.screenshot({ path: join(outDir, 'screenshots', 'kustomer-with-stripe.png'), fullPage: true });
  await page.getByRole('link', { name: 'See Stripe → Kustomer' }).first().click();
  await page.waitForURL('**/integrations/stripe/with/kustomer/');
  expect(existsSync(join(outDir, 'screenshots', 'stripe-with-kustomer.png'))).toBe(true);
}, 120_000);
