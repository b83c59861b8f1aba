/**
 * `scaffoldConnector`: writes a new connector package to `<root>/connectors/<name>/` from the
 * templates, then generates its manifest.json and types with the SDK's codegen. Everything is
 * written into a hidden staging folder beside the target and renamed into place at the end,
 * so a refusal or a failure leaves nothing half-written.
 */
import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { runConnectorCodegen } from './codegen-step.ts';
import { formatSource } from './format-source.ts';
import { ConnectorExistsError } from './errors.ts';
import { connectorNames } from './names.ts';
import { renderTemplates, templatesDir } from './templates.ts';
import { assertWorkspaceRoot } from './workspace.ts';

export interface ScaffoldOptions {
  /** Kebab-case connector name, e.g. `acme-crm`: the folder, `@wireup/connector-<name>` and the manifest's `name`. */
  name: string;
  /** The workspace root: the folder whose package.json lists the npm workspaces. */
  root: string;
  /** Name shown to people; defaults to the name in title case (`Acme Crm`). */
  displayName?: string;
}

export interface ScaffoldResult {
  /** Absolute path of the new package, `<root>/connectors/<name>`. */
  directory: string;
  /** Every file written, relative to `directory`, POSIX separators, sorted. */
  files: string[];
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Refuses (before writing anything) when the name is invalid, the root is not a workspace, or the folder exists. */
async function checkTarget(options: ScaffoldOptions) {
  const names = connectorNames(options.name, options.displayName);
  const root = resolve(options.root);
  await assertWorkspaceRoot(root);
  const directory = join(root, 'connectors', names.name);
  if (await exists(directory)) throw new ConnectorExistsError(names.name, directory);
  return { names, directory };
}

/**
 * Scaffolds a connector package; see ScaffoldOptions. Throws ConnectorNameInvalidError,
 * ConnectorExistsError or WorkspaceNotFoundError before writing anything; any later failure
 * removes what was staged. `templates` is the templates folder (tests give their own).
 */
export async function scaffoldConnector(options: ScaffoldOptions, templates = templatesDir): Promise<ScaffoldResult> {
  const { names, directory } = await checkTarget(options);
  await mkdir(dirname(directory), { recursive: true });
  // Inside connectors/ (not the OS temp folder) so the rename stays on one file system and
  // the codegen step resolves @wireup/sdk from the workspace's node_modules.
  const staging = await mkdtemp(join(dirname(directory), `.${names.name}.scaffold-`));
  try {
    const rendered = await renderTemplates(names, templates);
    for (const file of rendered) {
      const target = join(staging, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await formatSource(join(directory, ...file.path.split('/')), file.content));
    }
    const generated = (await runConnectorCodegen(staging)).map((p) => relative(staging, p).split(sep).join('/'));
    // mkdtemp makes the folder drwx------; the package gets the mode any new folder gets here.
    await chmod(staging, 0o777 & ~process.umask());
    if (await exists(directory)) throw new ConnectorExistsError(names.name, directory);
    await rename(staging, directory).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOTEMPTY' || error.code === 'EEXIST'
        ? new ConnectorExistsError(names.name, directory)
        : error;
    });
    return { directory, files: [...new Set([...rendered.map((f) => f.path), ...generated])].sort() };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
