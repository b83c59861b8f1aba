/** `wireup connectors list|validate`. */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { publishingProblems, validateManifest, type ConnectorManifest } from '@wireup/sdk';
import { firstPartyConnectors } from '../installed-connectors.ts';

/** `1 trigger`, `2 triggers`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Reads `<dir>/manifest.json`; a missing folder or file, or bad JSON, throws one line naming it. */
async function readManifest(dir: string): Promise<unknown> {
  const folder = resolve(dir);
  const isDir = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new Error(`no connector folder at ${dir} (${folder} does not exist or is not a folder).`);
  let text: string;
  try {
    text = await readFile(join(folder, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`${dir} has no manifest.json: a connector folder holds its manifest.json.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${join(dir, 'manifest.json')} is not valid JSON: ${(error as Error).message}`);
  }
}

/** `wireup connectors list|validate [dir...]`. */
export async function connectorsCommand(sub: string | undefined, args: string[]): Promise<number> {
  if (sub === 'list') {
    for (const { manifest: m } of firstPartyConnectors()) {
      process.stdout.write(
        `${m.name}@${m.version}  ${m.displayName}: ${plural(m.triggers.length, 'trigger')}, ${plural(m.actions.length, 'action')}\n`,
      );
      for (const t of m.triggers)
        process.stdout.write(`  trigger ${m.name}.${t.key}${t.event ? ` (${t.event})` : ''}\n`);
      for (const a of m.actions) process.stdout.write(`  action  ${m.name}.${a.key}\n`);
    }
    return 0;
  }
  if (sub === 'validate') {
    const manifests = args.length
      ? await Promise.all(args.map(async (dir) => ({ where: dir, manifest: await readManifest(dir) })))
      : firstPartyConnectors().map((c) => ({ where: c.manifest.name, manifest: c.manifest }));
    let bad = 0;
    for (const { where, manifest } of manifests) {
      const invalid = validateManifest(manifest);
      // A valid manifest may still be unfinished (the scaffold's TODO description): not publishable.
      const problems = invalid.length ? invalid : publishingProblems(manifest as ConnectorManifest);
      if (!problems.length) process.stdout.write(`ok       ${where}\n`);
      else {
        bad++;
        const head = invalid.length
          ? `invalid  ${where}`
          : `invalid  ${where}: not ready to publish, placeholder text is left (the scaffold's TODOs)`;
        process.stdout.write(
          `${head}\n${problems.map((p) => `  ${p.path} ${p.message} (fix: ${p.fix})`).join('\n')}\n`,
        );
      }
    }
    return bad ? 1 : 0;
  }
  process.stderr.write('wireup connectors: use "list" or "validate [dir...]"\n');
  return 2;
}
