import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { checkLinks, htmlFiles } from './testing/check-links.ts';
import { syntheticCatalog } from './testing/synthetic-catalog.ts';
import { stripeAndKustomer } from './testing/stripe-kustomer.ts';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pair-pages-valid-'));
  // The real Stripe and Kustomer manifests, and a few synthetic apps (polling triggers, apps without triggers).
  const { manifests } = await stripeAndKustomer();
  await buildSite({
    manifests: [...manifests, ...syntheticCatalog(6)],
    outDir,
    baseUrl: 'https://wireup.example.com',
    usage: [{ trigger: 'stripe.new-customer', action: 'kustomer.create-customer', count: 3 }],
  });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it("builds only pages that pass html-validate's recommended rules", async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const problems: string[] = [];
  const files = htmlFiles(outDir);
  for (const file of files) {
    const report = await validator.validateString(readFileSync(join(outDir, file), 'utf8'), file);
    for (const r of report.results)
      for (const m of r.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  expect(problems).toEqual([]);
  expect(files.length).toBeGreaterThan(50);
}, 120_000);

it('resolves every internal link of that site to a built file', () => {
  const report = checkLinks(outDir, 'https://wireup.example.com');
  expect(report.broken).toEqual([]);
  expect(report.checked).toBeGreaterThan(1000);
});
