/** `wireup connectors list|validate`. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateManifest } from '@wireup/sdk';
import { firstPartyConnectors } from '../installed-connectors.ts';

/** `1 trigger`, `2 triggers`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export async function connectorsCommand(sub: string | undefined, args: string[]): Promise<number> {
  if (sub === 'list') {
    for (const { manifest: m } of firstPartyConnectors()) {
      process.stdout.write(`${m.name}@${m.version}  ${m.displayName}: ${plural(m.triggers.length, 'trigger')}, ${plural(m.actions.length, 'action')}\n`);
      for (const t of m.triggers) process.stdout.write(`  trigger ${m.name}.${t.key}${t.event ? ` (${t.event})` : ''}\n`);
      for (const a of m.actions) process.stdout.write(`  action  ${m.name}.${a.key}\n`);
    }
    return 0;
  }
  if (sub === 'validate') {
    const manifests = args.length
      ? await Promise.all(args.map(async (dir) => ({ where: dir, manifest: JSON.parse(await readFile(join(resolve(dir), 'manifest.json'), 'utf8')) })))
      : firstPartyConnectors().map((c) => ({ where: c.manifest.name, manifest: c.manifest }));
    let bad = 0;
    for (const { where, manifest } of manifests) {
      const problems = validateManifest(manifest);
      if (!problems.length) process.stdout.write(`ok       ${where}\n`);
      else {
        bad++;
        process.stdout.write(`invalid  ${where}\n${problems.map((p) => `  ${p.path} ${p.message} (fix: ${p.fix})`).join('\n')}\n`);
      }
    }
    return bad ? 1 : 0;
  }
  process.stderr.write('wireup connectors: use "list" or "validate [dir...]"\n');
  return 2;
}
