/**
 * The workspace a connector is scaffolded into: the folder whose package.json declares npm
 * `workspaces` (connectors/* among them). The new package lands in `<root>/connectors/<name>/`.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WorkspaceNotFoundError } from './errors.ts';

async function workspacesOf(dir: string): Promise<string[] | null> {
  const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as { workspaces?: unknown };
    const ws = Array.isArray(json.workspaces)
      ? json.workspaces
      : (json.workspaces as { packages?: unknown } | undefined)?.packages;
    return Array.isArray(ws) ? ws.filter((w): w is string => typeof w === 'string') : null;
  } catch {
    return null;
  }
}

/** Throws WorkspaceNotFoundError unless `root` holds a package.json with npm workspaces. */
export async function assertWorkspaceRoot(root: string): Promise<void> {
  const isDir = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new WorkspaceNotFoundError(
      `${root} is not a folder: give the Wireup workspace root (the folder whose package.json lists the workspaces).`,
    );
  const workspaces = await workspacesOf(root);
  if (!workspaces)
    throw new WorkspaceNotFoundError(`${root} has no package.json with "workspaces": give the Wireup workspace root.`);
  if (!workspaces.some((w) => w.replace(/\/$/, '').split('/')[0] === 'connectors')) {
    throw new WorkspaceNotFoundError(
      `${join(root, 'package.json')} has no "connectors/*" workspace: add it so npm links the new connector package.`,
    );
  }
}

/** The nearest folder at or above `from` whose package.json declares workspaces, or null. */
export async function findWorkspaceRoot(from: string): Promise<string | null> {
  let dir = resolve(from);
  for (;;) {
    if (await workspacesOf(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
