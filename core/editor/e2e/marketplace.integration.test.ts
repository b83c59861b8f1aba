// @vitest-environment node
/**
 * The Marketplace view in chromium against the real `wireup start` and the real npm registry
 * the tests use (Verdaccio, tools/services): a connector package published there is found by
 * searching, installed, upgraded after reading the upgrade report (which names the input 1.1.0
 * makes required and the action it adds), and uninstalled; each step is what the marketplace API answered, shown on
 * the package's card.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireup, type WireupProcess } from './wireup-process.ts';
import { chromiumPath, launchBrowser, seriousViolations, type Browser } from './browser.ts';
import { publishFixture, registryUrl, unpublishFixture } from './registry-fixture.ts';
import { outDir, prepareEditor } from './editor-session.ts';

const token = 'e2e-marketplace-token-0123';

describe.skipIf(!existsSync(chromiumPath))('the Marketplace view in chromium', () => {
  // A name of its own, so runs against the shared registry never meet each other's packages.
  const name = `notebook-e2e-${randomBytes(4).toString('hex')}`;
  let wireup: WireupProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    prepareEditor();
    await publishFixture(name, '1.0.0');
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-editor-marketplace-'));
    wireup = await startWireup({ WIREUP_DATA_DIR: dataDir, WIREUP_API_TOKEN: token, WIREUP_REGISTRY_URL: registryUrl });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await wireup?.stop();
    await unpublishFixture(name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('searches, installs, upgrades after the report, and uninstalls a connector package', async () => {
    const { page, context } = browser;
    expect((await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token } })).status()).toBe(200);
    await page.goto(`${wireup.url}/marketplace`);
    await page.getByText(/^\s*Registry /).waitFor({ timeout: 30_000 });
    await page.getByLabel('Search connectors').fill(name);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const card = page.locator('li.entry').filter({ hasText: name });
    await card.waitFor();
    expect(await page.locator('li.entry').count()).toBe(1);
    await card.locator('.badge').filter({ hasText: 'not installed' }).waitFor();
    // Browsing by category: the package's category is offered and keeps it listed.
    await page.getByLabel('Category').selectOption('testing');
    await page.getByText(/1 connector package found/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Install 1.0.0' }).click();
    await card.getByRole('status').filter({ hasText: 'Installed 1.0.0.' }).waitFor();
    await card.locator('.badge').filter({ hasText: 'installed 1.0.0' }).waitFor();
    // The installed connector is offered at once (no restart): its manifest answers.
    expect((await context.request.get(`${wireup.url}/v1/connectors/${name}`)).status()).toBe(200);
    await page.screenshot({ path: join(outDir, '20-marketplace-installed.png') });

    // 1.1.0 is published: Refresh finds it; the report comes before the upgrade.
    await publishFixture(name, '1.1.0');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await card.getByRole('button', { name: 'What changes in 1.1.0?' }).click();
    const report = card.locator('.report');
    await report.getByText(`${name} 1.0.0 → 1.1.0`).waitFor();
    expect(await report.textContent()).toContain('input "note" is now required');
    expect(await report.textContent()).toContain('no published workflow breaks');
    // What 1.1.0 adds is listed apart from what can break.
    expect((await report.locator('.added li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'action Erase note erase-note',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(outDir, '21-marketplace-upgrade-report.png') });
    await card.getByRole('button', { name: 'Upgrade to 1.1.0' }).click();
    await card.getByRole('status').filter({ hasText: 'Installed 1.1.0 beside the others' }).waitFor();
    await card.locator('.badge').filter({ hasText: 'installed 1.0.0, 1.1.0' }).waitFor();
    expect(await card.locator('.report').textContent()).toContain('1.0.0 → 1.1.0');
    expect(
      ((await (await context.request.get(`${wireup.url}/v1/connectors/${name}`)).json()) as { version: string })
        .version,
    ).toBe('1.1.0');

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Uninstall' }).click();
    await card.getByRole('status').filter({ hasText: 'Uninstalled' }).waitFor();
    await card.locator('.badge').filter({ hasText: 'not installed' }).waitFor();
    expect((await context.request.get(`${wireup.url}/v1/connectors/${name}`)).status()).toBe(404);
    await page.screenshot({ path: join(outDir, '22-marketplace-uninstalled.png') });
  });
});
