/**
 * Runs `wireup start` as a child process (as a user would), for tests that kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { testEnv } from './harness.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export interface WireupProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

/** Starts `wireup start` on the data folder and resolves once it prints its URL. */
export async function spawnWireup(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<WireupProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'core/server/src/cli/wireup.ts'), 'start'], {
    cwd: repoRoot,
    env: { ...testEnv(dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wireup did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = () => {
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`wireup exited with ${code}:\n${out}`));
    });
  });
  return { url, child, output: () => out, kill: (signal) => child.kill(signal), exited };
}
