import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { BuildOptionsError, DuplicateConnectorError } from './errors.ts';
import { checkLinks, htmlFiles } from './testing/check-links.ts';
import { fixtureManifests } from './testing/fixture-manifests.ts';
import { readPage } from './testing/read-page.ts';

const BASE = 'https://wireup.example.com';
let outDir: string;
let result: Awaited<ReturnType<typeof buildSite>>;
const manifests = fixtureManifests();

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pair-pages-site-'));
  result = await buildSite({ manifests, outDir, baseUrl: `${BASE}/` });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('buildSite', () => {
  it('builds the catalog, every app, every ordered pair and every trigger and action page', () => {
    const steps = manifests.reduce((n, m) => n + m.triggers.length + m.actions.length, 0);
    const pairs = manifests.length * (manifests.length - 1);
    expect(result.pages).toBe(1 + manifests.length + pairs + steps);
    expect(htmlFiles(outDir)).toHaveLength(result.pages);
    for (const m of manifests) {
      expect(existsSync(join(outDir, 'integrations', m.name, 'index.html'))).toBe(true);
      for (const t of m.triggers)
        expect(existsSync(join(outDir, 'integrations', m.name, 'triggers', t.key, 'index.html'))).toBe(true);
      for (const a of m.actions)
        expect(existsSync(join(outDir, 'integrations', m.name, 'actions', a.key, 'index.html'))).toBe(true);
      for (const other of manifests)
        if (other !== m)
          expect(existsSync(join(outDir, 'integrations', m.name, 'with', other.name, 'index.html'))).toBe(true);
    }
    expect(result.written).toBe(result.pages + 3); // + stylesheet, sitemap.xml, robots.txt
  });

  it('resolves every internal link to a built file, and links the editor with namespaced ids', () => {
    const report = checkLinks(outDir, BASE);
    expect(report.broken).toEqual([]);
    expect(report.checked).toBeGreaterThan(result.pages * 5);
    for (const link of report.editorLinks)
      expect(link).toMatch(/^\/editor\/(new\?trigger=[a-z0-9-]+\.[a-z0-9-]+&action=[a-z0-9-]+\.[a-z0-9-]+)?$/);
  });

  it('lists every page in sitemap.xml and points robots.txt at it', () => {
    const sitemap = readFileSync(join(outDir, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.sort()).toEqual(
      htmlFiles(outDir)
        .map((f) => `${BASE}/${f.replace(/index\.html$/, '')}`)
        .sort(),
    );
    expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
  });

  it('gives every page a title, a meta description, a canonical link, OpenGraph tags and JSON-LD', () => {
    for (const file of htmlFiles(outDir)) {
      const page = readPage(readFileSync(join(outDir, file), 'utf8'));
      const url = `${BASE}/${file.replace(/index\.html$/, '')}`;
      expect(page.title, file).not.toBe('');
      expect(page.meta.description?.length, file).toBeGreaterThan(20);
      expect(page.meta.description!.length, file).toBeLessThanOrEqual(160);
      expect(page.canonical, file).toBe(url);
      expect(page.meta['og:url'], file).toBe(url);
      expect(page.meta['og:title'], file).toBe(page.title);
      const types = (page.jsonLd[0] as { '@graph': Array<{ '@type': string }> })['@graph'].map((n) => n['@type']);
      expect(types, file).toContain('BreadcrumbList');
      if (file.includes('/with/')) expect(types, file).toEqual(['BreadcrumbList', 'FAQPage', 'SoftwareApplication']);
    }
  });

  it('shows a trigger page with its description, fields table and pretty sample payload', () => {
    const html = readFileSync(join(outDir, 'integrations/stripe/triggers/charge-failed/index.html'), 'utf8');
    const page = readPage(html);
    const trigger = manifests[0].triggers[0];
    expect(page.text).toContain(trigger.description.replace(/`/g, ''));
    expect(page.text).toMatch(/data\.object\.customer\nstring\nNo\nCustomer id, e\.g\. cus_123\./);
    expect(page.text).toContain('POST /v1/webhooks/stripe/<token>');
    expect(html).toContain('<code>POST /v1/webhooks/stripe/<var class="placeholder"');
    // The table is named by its heading, not by a caption repeating it.
    expect(page.text.match(/Fields of the event/g)).toHaveLength(1);
    expect(html).toContain('<table class="fields" aria-labelledby="fields-title">');
    expect(html).toContain(JSON.stringify(trigger.sample, null, 2).replace(/"/g, '&quot;'));
  });

  it("leaves a connector whose description is still the scaffold's TODO off every page, and says so", async () => {
    const unfinished = {
      ...manifests[1],
      name: 'acme-crm',
      displayName: 'Acme CRM',
      description: 'TODO(acme-crm): say in one or two sentences what Acme CRM is.',
    };
    const dir = mkdtempSync(join(tmpdir(), 'pair-pages-unfinished-'));
    try {
      const built = await buildSite({ manifests: [...manifests, unfinished], outDir: dir, baseUrl: BASE });
      expect(built.pages).toBe(result.pages);
      expect(built.skipped).toEqual([
        {
          name: 'acme-crm',
          reason: expect.stringMatching(
            /^not ready to publish: \/description still holds a placeholder: "TODO\(acme-crm\)/,
          ),
        },
      ]);
      expect(existsSync(join(dir, 'integrations', 'acme-crm'))).toBe(false);
      for (const file of htmlFiles(dir)) {
        const html = readFileSync(join(dir, file), 'utf8');
        expect(html, file).not.toContain('acme-crm');
        expect(html, file).not.toContain('TODO');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a relative baseUrl and duplicate connector names', async () => {
    await expect(buildSite({ manifests, outDir, baseUrl: '/site' })).rejects.toBeInstanceOf(BuildOptionsError);
    await expect(buildSite({ manifests: [manifests[0], manifests[0]], outDir, baseUrl: BASE })).rejects.toBeInstanceOf(
      DuplicateConnectorError,
    );
  });
});
