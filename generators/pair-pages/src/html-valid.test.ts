import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { htmlFiles } from './testing/check-links.ts';
import { fixtureManifests } from './testing/fixture-manifests.ts';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pair-pages-valid-'));
  await buildSite({ manifests: fixtureManifests(), outDir, baseUrl: 'https://wireup.example.com', usage: [{ trigger: 'stripe.new-customer', action: 'kustomer.create-customer', count: 3 }] });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('builds only pages that pass html-validate\'s recommended rules', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const problems: string[] = [];
  const files = htmlFiles(outDir);
  for (const file of files) {
    const report = await validator.validateString(readFileSync(join(outDir, file), 'utf8'), file);
    for (const r of report.results) for (const m of r.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  expect(problems).toEqual([]);
  expect(files.length).toBeGreaterThan(50);
});
