import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { connectorGenerator } from './nx-generator.ts';
import { renderTemplates } from './templates.ts';
import { createTempWorkspace, npx, type TempWorkspace } from './testing/temp-workspace.ts';

describe('Nx generator @wireup/generators:connector (virtual tree)', () => {
  it('writes the same files as the scaffold under connectors/<name>/', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const callback = await connectorGenerator(tree, { name: 'acme-crm', displayName: 'Acme CRM' });
    const expected = await renderTemplates({ name: 'acme-crm', displayName: 'Acme CRM' });
    for (const file of expected)
      expect(tree.read(`connectors/acme-crm/${file.path}`, 'utf-8'), file.path).toBe(file.content);
    expect(tree.children('connectors')).toEqual(['acme-crm']);
    expect(typeof callback).toBe('function');
  });

  it('refuses a bad name or an existing connector before writing anything', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('connectors/taken/package.json', '{}');
    const before = tree.listChanges().map((c) => c.path);
    await expect(connectorGenerator(tree, { name: 'Acme_CRM' })).rejects.toThrow(/not kebab-case/);
    await expect(connectorGenerator(tree, { name: 'taken' })).rejects.toThrow(/already exists/);
    expect(tree.listChanges().map((c) => c.path)).toEqual(before);
    expect(tree.children('connectors')).toEqual(['taken']);
  });
});

describe('`nx g @wireup/generators:connector` for real', () => {
  let ws: TempWorkspace;
  beforeAll(async () => {
    ws = await createTempWorkspace();
  });
  afterAll(async () => ws?.remove());

  it('writes the connector and generates its manifest and types', async () => {
    const run = await npx(
      ['nx', 'g', '@wireup/generators:connector', 'nx-made', '--displayName=Nx Made', '--no-interactive'],
      ws.root,
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('CREATE connectors/nx-made/src/connector.ts');
    const manifest = JSON.parse(await readFile(join(ws.root, 'connectors/nx-made/manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'nx-made', displayName: 'Nx Made' });
    expect((await stat(join(ws.root, 'connectors/nx-made/src/generated/types.ts'))).isFile()).toBe(true);
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const run = await npx(
      ['nx', 'g', '@wireup/generators:connector', 'dry-one', '--dry-run', '--no-interactive'],
      ws.root,
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('CREATE connectors/dry-one/package.json');
    expect(await ws.connectorEntries()).not.toContain('dry-one');
  });
});
