/**
 * A connector package published to the real npm registry the tests use (Verdaccio on
 * 127.0.0.1:4874, started by tools/services), as `wireup connector publish` would leave it:
 * keyword `wireup-connector`, a `wireup` field naming the manifest and SDK range, bundled
 * JavaScript. Version 1.1.0 makes an input required (the upgrade report names it) and adds an action.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import npmPublish from 'libnpmpublish';
import * as tar from 'tar';

export const registryUrl = process.env.WIREUP_REGISTRY_URL ?? 'http://127.0.0.1:4874';

function manifest(name: string, version: string) {
  const later = version !== '1.0.0';
  const action = (key: string, displayName: string) => ({
    key,
    displayName,
    description: `${displayName} in the test app.`,
    inputSchema: {
      type: 'object',
      properties: { note: { type: 'string', description: 'A note' } },
      ...(later && key === 'log-note' ? { required: ['note'] } : {}),
    },
    outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
    sample: { ok: true },
    idempotent: true,
  });
  return {
    name,
    version,
    displayName: 'Notebook (e2e)',
    description: 'Keeps notes; published by the editor browser test.',
    categories: ['testing'],
    sdk: '^0.1.0',
    auth: { kind: 'none', fields: [] },
    triggers: [],
    actions: [action('log-note', 'Log note'), ...(later ? [action('erase-note', 'Erase note')] : [])],
  };
}

/** Publishes `name@version` (1.0.0 or 1.1.0). */
export async function publishFixture(name: string, version: '1.0.0' | '1.1.0'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-fixture-'));
  try {
    const m = manifest(name, version);
    const pkg = {
      name,
      version,
      description: m.description,
      keywords: ['wireup-connector'],
      type: 'module',
      main: 'index.js',
      wireup: { manifest: 'manifest.json', sdk: '^0.1.0' },
    };
    mkdirSync(join(dir, 'package'));
    writeFileSync(join(dir, 'package', 'package.json'), JSON.stringify(pkg));
    writeFileSync(join(dir, 'package', 'manifest.json'), JSON.stringify(m));
    writeFileSync(
      join(dir, 'package', 'index.js'),
      `const manifest = ${JSON.stringify(m)};
export default { manifest, triggers: new Map(), actions: new Map(manifest.actions.map((a) => [a.key, { ...a, run: async () => ({ ok: true }) }])) };\n`,
    );
    const tarball = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      tar
        .c({ gzip: true, cwd: dir, portable: true }, ['package'])
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => resolve(Buffer.concat(chunks)))
        .on('error', reject);
    });
    await npmPublish.publish(pkg as never, tarball, { registry: `${registryUrl}/`, access: 'public' } as never);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes the package from the registry (best effort: the registry keeps no test leftovers). */
export async function unpublishFixture(name: string): Promise<void> {
  await npmPublish.unpublish(name, { registry: `${registryUrl}/` } as never).catch(() => undefined);
}
