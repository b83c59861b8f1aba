import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_DOCS_PATH, registries, renderErrorDocs } from './error-docs.ts';
import { raisedCodes } from './raised-codes.ts';

const root = resolve(import.meta.dirname, '..', '..');

describe('error registries and docs/errors.md', () => {
  it('docs/errors.md is what the registries generate (run `npm run docs:errors`)', () => {
    expect(readFileSync(join(root, ERROR_DOCS_PATH), 'utf8')).toBe(renderErrorDocs());
  });

  it('says in its first line that it is generated, and how', () => {
    expect(renderErrorDocs().split('\n')[0]).toMatch(/Generated .*npm run docs:errors.*do not edit/);
  });

  it.each(registries.map((r) => [r.registry.raisedBy, r] as const))(
    '%s: its registry lists exactly the codes its source raises',
    (_name, { dir, registry }) => {
      expect(Object.keys(registry.codes).sort()).toEqual(raisedCodes(join(root, dir)));
    },
  );

  it('every code raised anywhere in the workspace is in a registry', () => {
    const listed = new Set(registries.flatMap((r) => Object.keys(r.registry.codes)));
    const unlisted: string[] = [];
    for (const group of ['core', 'connectors', 'generators']) {
      for (const name of readdirSync(join(root, group))) {
        if (name === 'testing') continue; // fakes of providers answer the providers' codes
        const src = join(root, group, name, 'src');
        if (existsSync(src))
          for (const code of raisedCodes(src)) if (!listed.has(code)) unlisted.push(`${group}/${name}: ${code}`);
      }
    }
    expect(unlisted).toEqual([]);
  });

  it('renders a row per code, escaping pipes; a code without status shows where it appears', () => {
    const registry = {
      raisedBy: 'x',
      codes: { A_B: { status: 400, meaning: 'a | b' }, C: { status: null, shownIn: 'in step errors', meaning: 'c' } },
    };
    const page = renderErrorDocs([{ dir: '', registry }]);
    expect(page).toContain('| `A_B` | 400 | x | a \\| b |');
    expect(page).toContain('| `C` | — | x (in step errors) | c |');
  });

  it('finds the codes a source raises, in each form, and not look-alikes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-codes-'));
    writeFileSync(
      join(dir, 'errors.ts'),
      "class A extends WireupError { constructor() { super('A_CODE', 'm'); } }\nthrow new WireupError('B_CODE', 'm');\n",
    );
    writeFileSync(
      join(dir, 'run.ts'),
      "fail({ code: 'C_CODE', message: 'x' });\nconst table = { X: [413, 'D_CODE', 'too large'] };\nconst coupon = { code: 'SPRING25' };\n",
    );
    writeFileSync(join(dir, 'run.test.ts'), "throw new WireupError('E_CODE', 'm');\n");
    expect(raisedCodes(dir)).toEqual(['A_CODE', 'B_CODE', 'C_CODE', 'D_CODE']);
  });
});
