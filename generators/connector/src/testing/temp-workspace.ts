/**
 * A throwaway workspace that mirrors the real one for the scaffold's tests: a package.json
 * with the same npm workspaces, and `node_modules` and `core` linked to the real ones, so a
 * connector scaffolded into its connectors/ resolves @wireup/sdk, runs `npm run codegen`
 * and its own Vitest exactly as it would in the repository, without touching it.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real workspace root (generators/connector/src/testing → four levels up). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface TempWorkspace {
  root: string;
  /** Names of the entries in connectors/ (hidden staging folders included). */
  connectorEntries(): Promise<string[]>;
  remove(): Promise<void>;
}

/** Creates the mirror workspace under the OS temp folder. */
export async function createTempWorkspace(): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'wireup-scaffold-'));
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify(
      { name: 'scaffold-test', private: true, type: 'module', workspaces: ['core/*', 'connectors/*'] },
      null,
      2,
    ),
  );
  await writeFile(join(root, 'nx.json'), '{}\n');
  await copyFile(join(repoRoot, '.prettierrc.json'), join(root, '.prettierrc.json'));
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  await symlink(join(repoRoot, 'core'), join(root, 'core'), 'dir');
  return {
    root,
    connectorEntries: () => readdir(join(root, 'connectors')).catch(() => []),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Environment for child processes: without the parent Vitest's and Nx's task variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NX_)/.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  return {
    ...env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    CI: 'true',
  };
}

/** Runs `npx --no <args>` in `cwd` and collects stdout and stderr together. */
export function npx(args: string[], cwd: string, timeoutMs = 150_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no', ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npx ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
