/**
 * The Nx generator `@wireup/generators:connector`: the same templates as `scaffoldConnector`,
 * written through Nx's virtual Tree (so `--dry-run` shows them and writes nothing), then the
 * SDK's codegen in the returned callback, once Nx has put the files on disk.
 */
import { join } from 'node:path';
import { joinPathFragments, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { runConnectorCodegen } from './codegen-step.ts';
import { ConnectorExistsError } from './errors.ts';
import { connectorNames } from './names.ts';
import { renderTemplates } from './templates.ts';

/** The generator's options (schema.json). */
export interface ConnectorGeneratorOptions {
  name: string;
  displayName?: string;
}

/** Writes connectors/<name>/ into the tree and returns the codegen step. */
export async function connectorGenerator(tree: Tree, options: ConnectorGeneratorOptions): Promise<GeneratorCallback> {
  const names = connectorNames(options.name, options.displayName);
  const dir = joinPathFragments('connectors', names.name);
  if (tree.exists(dir)) throw new ConnectorExistsError(names.name, join(tree.root, dir));
  for (const file of await renderTemplates(names)) tree.write(joinPathFragments(dir, file.path), file.content);
  return async () => {
    const written = await runConnectorCodegen(join(tree.root, dir));
    logger.info(`Generated ${written.map((p) => p.slice(tree.root.length + 1)).join(' and ')}.`);
    logger.info(
      `Next: npm install (links @wireup/connector-${names.name}), then cd ${dir} && npm test. See docs/authoring-connectors.md.`,
    );
  };
}

export default connectorGenerator;
