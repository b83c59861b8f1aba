/**
 * `wireup connector new <name> [--display-name "Acme CRM"] [--root <workspace>]`: scaffolds
 * connectors/<name>/ with @wireup/generators and prints what it wrote and what to do next.
 * The workspace root is `--root`, else the nearest folder above the current one whose
 * package.json lists workspaces, else the workspace this CLI belongs to.
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot, scaffoldConnector } from '@wireup/generators';

interface NewArgs {
  name?: string;
  displayName?: string;
  root?: string;
}

function parseArgs(args: string[]): NewArgs {
  const parsed: NewArgs = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--display-name') parsed.displayName = value();
    else if (flag === '--root') parsed.root = value();
    else if (arg.startsWith('-'))
      throw new Error(`unknown option ${arg}: use --display-name "<name>" or --root <workspace>.`);
    else if (parsed.name === undefined) parsed.name = arg;
    else throw new Error(`one connector name at a time (got "${parsed.name}" and "${arg}").`);
  }
  return parsed;
}

async function workspaceRoot(given: string | undefined): Promise<string> {
  if (given) return given;
  const here =
    (await findWorkspaceRoot(process.cwd())) ?? (await findWorkspaceRoot(dirname(fileURLToPath(import.meta.url))));
  if (!here) throw new Error('no Wireup workspace found: run it inside the workspace or pass --root <workspace>.');
  return here;
}

function nextSteps(dir: string, name: string): string {
  return [
    'Next steps:',
    `  1. npm install                    links @wireup/connector-${name} into the workspace`,
    `  2. cd ${dir} && npm test`,
    '  3. make it real: src/client.ts (base URL, auth, errors), src/webhook.ts (signature),',
    '     src/triggers/, src/actions/, src/schemas/; then npm run codegen and npm test again',
    '  4. register it in core/server/src/installed-connectors.ts, then npm start',
    '  The walk-through: docs/authoring-connectors.md',
  ].join('\n');
}

/** Runs the command; returns the exit code (0 done, 1 refused or failed). */
export async function connectorNewCommand(args: string[]): Promise<number> {
  try {
    const options = parseArgs(args);
    const root = await workspaceRoot(options.root);
    const result = await scaffoldConnector({ name: options.name ?? '', displayName: options.displayName, root });
    const dir = relative(process.cwd(), result.directory) || '.';
    const files = result.files.map((f) => `  ${join(dir, f)}`).join('\n');
    process.stdout.write(
      `Created ${dir} (@wireup/connector-${options.name}), ${result.files.length} files:\n${files}\n\n${nextSteps(dir, options.name!)}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`wireup connector new: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
