/**
 * Connector packages for the marketplace tests, published to a real (embedded) Verdaccio:
 * the generator's scaffold built and published by `publishConnector` (as `wireup connector
 * publish` does), and hand-made packages that each break one rule.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publish } from 'libnpmpublish';
import { scaffoldConnector, runConnectorCodegen } from '@wireup/generators';
import type { RegistryClient } from '../registry-client.ts';
import { rawTarball, type RawEntry } from './tarball.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A throwaway workspace (node_modules and core linked to the real ones) to scaffold into. */
export async function tempWorkspace(): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'wireup-marketplace-'));
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name: 'marketplace-test', private: true, type: 'module', workspaces: ['core/*', 'connectors/*'] }),
  );
  await writeFile(join(root, 'nx.json'), '{}\n');
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  await symlink(join(repoRoot, 'core'), join(root, 'core'), 'dir');
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Replaces the scaffold's `TODO(<name>)` description in src/connector.ts with a real one, as an
 * author does before publishing (publish refuses placeholders). Codegen is left to the caller.
 */
export async function finishDescription(directory: string): Promise<void> {
  const file = join(directory, 'src/connector.ts');
  const source = await readFile(file, 'utf8');
  const finished = source.replace(
    /description: 'TODO\([^)]*\): [^']*'/,
    "description: 'A CRM of items, scaffolded for a marketplace test.'",
  );
  if (finished === source) throw new Error(`no TODO description found in ${file}: the scaffold changed`);
  await writeFile(file, finished);
}

/**
 * Scaffolds connector `name` and gives it a second action, `archive-item` (a copy of
 * create-item posting to /v1/items/archive). Returns its folder.
 */
export async function scaffoldWithTwoActions(root: string, name: string): Promise<string> {
  const { directory } = await scaffoldConnector({ name, root });
  await finishDescription(directory);
  const create = await readFile(join(directory, 'src/actions/create-item.ts'), 'utf8');
  await writeFile(
    join(directory, 'src/actions/archive-item.ts'),
    create
      .replace("key: 'create-item'", "key: 'archive-item'")
      .replace("displayName: 'Create item'", "displayName: 'Archive item'")
      .replace('export const createItem', 'export const archiveItem')
      .replace("'/v1/items'", "'/v1/items/archive'")
      .replace(/Creates an item/g, 'Archives an item'),
  );
  await setConnectorSource(directory, '0.1.0', '1.0.0', true);
  return directory;
}

/** Sets the version (connector.ts and package.json) and whether archive-item is offered; regenerates manifest.json. */
export async function setConnectorSource(
  directory: string,
  from: string,
  to: string,
  withArchive: boolean,
): Promise<void> {
  let source = await readFile(join(directory, 'src/connector.ts'), 'utf8');
  source = source
    .replace(`version: '${from}'`, `version: '${to}'`)
    .replace("import { archiveItem } from './actions/archive-item.ts';\n", '')
    .replace(
      "import { createItem } from './actions/create-item.ts';",
      `import { createItem } from './actions/create-item.ts';${withArchive ? "\nimport { archiveItem } from './actions/archive-item.ts';" : ''}`,
    )
    .replace(/actions: \[[^\]]*\]/, `actions: [createItem${withArchive ? ', archiveItem' : ''}]`);
  await writeFile(join(directory, 'src/connector.ts'), source);
  const pkg = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8'));
  await writeFile(join(directory, 'package.json'), JSON.stringify({ ...pkg, version: to }, null, 2));
  // The codegen imports connector.ts, and a module is imported once per process: the first
  // call generates manifest.json, later ones edit it as the codegen would.
  if (from === '0.1.0') return void (await runConnectorCodegen(directory));
  const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
  manifest.version = to;
  if (!withArchive) manifest.actions = manifest.actions.filter((a: { key: string }) => a.key !== 'archive-item');
  await writeFile(join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A minimal valid manifest for hand-made packages. */
export function minimalManifest(name: string, version: string, sdk = '^0.1.0'): Record<string, unknown> {
  const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
  return {
    name,
    version,
    displayName: 'Hand Made',
    description: 'A connector packed by hand for a test.',
    categories: ['testing'],
    sdk,
    auth: { kind: 'none', fields: [] },
    triggers: [],
    actions: [
      {
        key: 'do-it',
        displayName: 'Do it',
        description: 'Does it.',
        inputSchema: { type: 'object' },
        outputSchema: schema,
        sample: { ok: true },
        idempotent: true,
      },
    ],
  };
}

/** Module source of a connector whose one action answers `body`. */
export function handMadeModule(manifest: Record<string, unknown>, body: string): string {
  return `const manifest = ${JSON.stringify(manifest)};
export default { manifest, triggers: new Map(), actions: new Map(manifest.actions.map((a) => [a.key, { ...a, run: async (ctx) => { ${body} } }])) };\n`;
}

/** Publishes a hand-made package: `files` under package/, then `extra` entries verbatim. */
export async function publishRaw(
  registry: RegistryClient,
  pkg: Record<string, unknown> & { name: string; version: string },
  files: Record<string, string>,
  extra: RawEntry[] = [],
): Promise<void> {
  const entries: RawEntry[] = [
    { path: 'package/package.json', content: JSON.stringify(pkg) },
    ...Object.entries(files).map(([path, content]) => ({ path: `package/${path}`, content })),
    ...extra,
  ];
  const tarball = rawTarball(entries);
  await publish(pkg as never, tarball, { ...registry.options(), access: 'public' } as never);
}

/** package.json of a hand-made connector package. */
export function handMadePackage(
  name: string,
  version: string,
  sdk = '^0.1.0',
): Record<string, unknown> & { name: string; version: string } {
  return {
    name,
    version,
    keywords: ['wireup-connector'],
    type: 'module',
    main: 'index.js',
    wireup: { manifest: 'manifest.json', sdk },
  };
}
