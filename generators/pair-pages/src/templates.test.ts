import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { TemplateError } from './errors.ts';
import { DEFAULT_TEMPLATES_DIR, loadTemplates } from './templates.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('names the template that does not parse, and changes the page hashes when a template changes', () => {
  dir = mkdtempSync(join(tmpdir(), 'pair-pages-tpl-'));
  cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  const before = loadTemplates(dir).hash;
  writeFileSync(join(dir, 'pages', 'pair.hbs'), '{{#> layout}}<p>{{title}}</p>{{/layout}}');
  const after = loadTemplates(dir).hash;
  expect(after.pair).not.toBe(before.pair);
  expect(after.step).toBe(before.step);
  writeFileSync(join(dir, 'pages', 'pair.hbs'), '{{#if title}}<p>unclosed');
  expect(() => loadTemplates(dir)).toThrow(TemplateError);
  expect(() => loadTemplates(dir)).toThrow(/Template "pair"/);
});
