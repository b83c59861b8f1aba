/**
 * Runs the real `wireup start` (as `npm start` does) for the browser test, on a free port and a
 * temporary data folder, with Stripe's API pointed at stripe-mock, and reads the sign-in link
 * it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const editorDist = join(repoRoot, 'core', 'editor', 'dist');

export interface WireupProcess {
  url: string;
  signInLink: string;
  output(): string;
  stop(): Promise<void>;
}

/** True when the built editor is there (npm install builds it). */
export const editorBuilt = () => existsSync(join(editorDist, 'index.html'));

export async function startWireup(env: Record<string, string>, timeoutMs = 60_000): Promise<WireupProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'core/server/src/cli/wireup.ts'), 'start'],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wireup did not print its sign-in link in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /sign-in link\): (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`wireup exited with ${code}:\n${out}`));
    });
  });
  const url = /running at (http:\/\/\S+)/.exec(out)![1];
  return {
    url,
    signInLink: link,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
