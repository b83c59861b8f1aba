/**
 * `npm run codegen` (from a package folder): regenerates the SDK's manifest type, or a
 * connector's manifest.json and types. `--check` exits 1 listing stale files instead.
 */
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectorFiles, manifestTypeFile, staleFiles, writeFiles, type GeneratedFile } from './codegen.ts';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dir = resolve(process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? process.cwd());
  let files: GeneratedFile[];
  if (dir.endsWith(join('core', 'sdk'))) files = [await manifestTypeFile()];
  else {
    const mod = await import(pathToFileURL(join(dir, 'src', 'connector.ts')).href);
    files = await connectorFiles(mod.default, dir);
  }
  if (check) {
    const stale = await staleFiles(files);
    if (stale.length) {
      console.error(`Stale generated files (run npm run codegen):\n${stale.join('\n')}`);
      process.exit(1);
    }
    return;
  }
  await writeFiles(files);
  console.log(files.map((f) => `wrote ${f.path}`).join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
