/**
 * Every kind of page (catalog, app, pair page both ways, trigger, action), built from the real
 * connector manifests, opened in Debian's Chromium at a 375 px phone and a 1280 px desktop
 * viewport: nothing makes the page wider than the screen (long paths wrap or scroll inside
 * their own box), no visible text is cut with an ellipsis, and what issue 14 found stays fixed
 * (distinct pairing cards, one "Fields of the event", the webhook token shown as a
 * placeholder). Full-page screenshots go to generators/pair-pages/test-output/ (not committed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { loadInstalledManifests } from './load-manifests.ts';
import { htmlFiles } from './testing/check-links.ts';
import { readPage } from './testing/read-page.ts';
import { ensureChromium, launchChromium, type Chromium } from './testing/chromium.ts';
import { serveStatic } from './testing/static-server.ts';
import { REPO_ROOT } from './testing/stripe-kustomer.ts';

const screenshots = join(REPO_ROOT, 'generators', 'pair-pages', 'test-output');
const PAGES: Array<[string, string]> = [
  ['catalog', '/integrations/'],
  ['app-kustomer', '/integrations/kustomer/'],
  ['app-stripe', '/integrations/stripe/'],
  ['pair-stripe-with-kustomer', '/integrations/stripe/with/kustomer/'],
  ['pair-kustomer-with-stripe', '/integrations/kustomer/with/stripe/'],
  ['trigger-stripe-charge-failed', '/integrations/stripe/triggers/charge-failed/'],
  ['action-kustomer-create-conversation', '/integrations/kustomer/actions/create-conversation/'],
];
const WIDTHS = [375, 1280];

let siteDir: string;
let browser: Chromium;
let server: Awaited<ReturnType<typeof serveStatic>>;
let context: BrowserContext;

beforeAll(async () => {
  ensureChromium();
  siteDir = mkdtempSync(join(tmpdir(), 'pair-pages-layout-'));
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  server = await serveStatic(siteDir);
  await buildSite({ manifests: await loadInstalledManifests(REPO_ROOT), outDir: siteDir, baseUrl: server.url });
  browser = await launchChromium();
  context = browser.context;
}, 660_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

/** What the page measures of itself: its width, what sticks out, and visible text cut with an ellipsis. */
interface Layout {
  viewport: number;
  scrollWidth: number;
  /** Elements whose right edge passes the viewport, outside a box that scrolls them. */
  overflowing: string[];
  /** Visible text ending in an ellipsis, or clipped by `text-overflow: ellipsis`. */
  cut: string[];
}

function measure(page: Page): Promise<Layout> {
  // Runs in the page: plain DOM, typed loosely since this package is not compiled with the DOM library.
  return page.evaluate(() => {
    const w = globalThis as unknown as { innerWidth: number; document: any; getComputedStyle(e: unknown): any };
    const doc = w.document;
    const scrolls = (el: any): boolean => {
      for (let p = el.parentElement; p; p = p.parentElement)
        if (/(auto|scroll|hidden)/.test(w.getComputedStyle(p).overflowX) && p !== doc.documentElement && p !== doc.body)
          return true;
      return false;
    };
    const name = (el: any): string =>
      `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${String(el.textContent).trim().slice(0, 40)}"`;
    const overflowing: string[] = [];
    for (const el of doc.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > w.innerWidth + 0.5 && !scrolls(el)) overflowing.push(name(el));
    }
    const cut: string[] = [];
    // Lines as rendered (innerText breaks at blocks): a paragraph, cell or heading ending in an
    // ellipsis was cut; an id pattern inside a sentence (`cus_...`) is not.
    for (const line of String(doc.body.innerText).split('\n')) {
      if (/(…|\.\.\.)$/.test(line.trim())) cut.push(line.trim().slice(-60));
    }
    for (const el of doc.body.querySelectorAll('*')) {
      if (w.getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) cut.push(name(el));
    }
    return { viewport: w.innerWidth, scrollWidth: doc.documentElement.scrollWidth, overflowing, cut };
  });
}

describe.each(WIDTHS)('at %i px wide', (width) => {
  it.each(PAGES)(
    '%s fits the screen, with no text cut short',
    async (name, path) => {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        expect((await page.goto(`${server.url}${path}`))?.status(), path).toBe(200);
        const layout = await measure(page);
        await page.screenshot({ path: join(screenshots, `${name}-${width}.png`), fullPage: true });
        expect(layout.viewport).toBe(width);
        expect(layout.overflowing, `${path} at ${width} px`).toEqual([]);
        expect(layout.scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(width);
        expect(layout.cut, `${path} at ${width} px`).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );
});

describe('what a visitor reads', () => {
  it('no line of any page of the real site ends in an ellipsis (nothing is shortened)', () => {
    const files = htmlFiles(siteDir);
    expect(files.length).toBeGreaterThan(50);
    const cut = files.flatMap((file) =>
      readPage(readFileSync(join(siteDir, file), 'utf8'))
        .text.split('\n')
        .filter((line) => /(…|\.\.\.)$/.test(line))
        .map((line) => `${file}: ${line}`),
    );
    expect(cut).toEqual([]);
  });

  it('pairing cards each say something of their own, and show the recipe that sets them up', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/integrations/stripe/with/kustomer/`);
    const cards = await page.locator('.pairings > li').allInnerTexts();
    expect(cards).toHaveLength(9);
    expect(new Set(cards).size).toBe(9);
    const bodies = await page.locator('.pairings > li > p:first-of-type').allInnerTexts();
    expect(new Set(bodies).size, bodies.join('\n')).toBeGreaterThan(1);
    expect(cards[0]).toMatch(
      /^When charge failed in Stripe, create conversation in Kustomer\n+When a charge fails in Stripe, finds the Kustomer customer/,
    );
    expect(cards[0]).toContain('Runs on each charge.failed event from Stripe.');
    expect(cards[0]).toContain('Ready-made recipe: Failed Stripe charges to Kustomer conversations');
    await page.close();
  }, 60_000);

  it('shows the webhook path as the API answers it, the token a visible placeholder, and each caption once', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/integrations/stripe/with/kustomer/`);
    const code = page.locator('.steps code', { hasText: '/v1/webhooks/' });
    await expect(code.innerText()).resolves.toBe('POST /v1/webhooks/stripe/<token>');
    const placeholder = code.locator('var.placeholder');
    await expect(placeholder.innerText()).resolves.toBe('<token>');
    expect(
      await placeholder.evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(el)
            .borderTopStyle,
      ),
    ).toBe('dashed');

    await page.goto(`${server.url}/integrations/stripe/triggers/charge-failed/`);
    await expect(page.locator('dd code', { hasText: '/v1/webhooks/' }).innerText()).resolves.toBe(
      'POST /v1/webhooks/stripe/<token>',
    );
    expect(await page.getByText('Fields of the event', { exact: true }).count()).toBe(1);
    await expect(page.getByRole('table', { name: 'Fields of the event' }).count()).resolves.toBe(1);
    await page.close();
  }, 60_000);
});
