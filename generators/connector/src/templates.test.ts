import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderTemplates, substitute, templatesDir } from './templates.ts';

describe('templates', () => {
  it("are all `__tmpl__` files, so no tool mistakes them for this package's code", async () => {
    const entries = await readdir(templatesDir, { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => e.name);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((f) => !f.endsWith('__tmpl__'))).toEqual([]);
  });

  it('render with every placeholder replaced in paths and contents', async () => {
    const files = await renderTemplates({ name: 'acme-crm', displayName: 'Acme CRM' });
    expect(files.map((f) => f.path)).toContain('src/connector.ts');
    for (const f of files) {
      expect(f.path).not.toMatch(/__tmpl__|__name__/);
      expect(f.content, f.path).not.toMatch(/__(name|displayName)__/);
    }
    const connector = files.find((f) => f.path === 'src/connector.ts')!.content;
    expect(connector).toContain("name: 'acme-crm'");
    expect(connector).toContain("displayName: 'Acme CRM'");
  });

  it('never write generated files: codegen makes those', async () => {
    const paths = (await renderTemplates({ name: 'x', displayName: 'X' })).map((f) => f.path);
    expect(paths).not.toContain('manifest.json');
    expect(paths.filter((p) => p.includes('generated/'))).toEqual([]);
  });

  it('substitute replaces every occurrence', () => {
    expect(substitute('__name__/__displayName__/__name__', { name: 'a', displayName: 'A' })).toBe('a/A/a');
  });
});
