/**
 * The scaffold's last step: load the new connector's `src/connector.ts` and write its
 * manifest.json and src/generated/types.ts with the SDK's codegen, exactly as
 * `npm run codegen` in the package would. The generated files are never templates.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@wireup/sdk';
import { connectorFiles, writeFiles } from '@wireup/sdk/codegen';

/** Generates a connector package's files and returns their paths. Needs a TypeScript-aware loader (tsx, Vitest). */
export async function runConnectorCodegen(packageDir: string): Promise<string[]> {
  const module = (await import(pathToFileURL(join(packageDir, 'src', 'connector.ts')).href)) as { default?: Connector };
  if (!module.default?.manifest)
    throw new Error(`${join(packageDir, 'src', 'connector.ts')} does not default-export defineConnector(...)`);
  const files = await connectorFiles(module.default, packageDir);
  await writeFiles(files);
  return files.map((f) => f.path);
}
