import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxEventBus } from './outbox-event-bus.ts';
import type { EventBus } from '@wireup/bus';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'test-fixtures', 'outbox-crash-child.ts');

/** Runs the child until it has published `atLeast` messages and a handler is stuck, then SIGKILLs it. Returns the published numbers. */
function publishThenKill(path: string, doneLog: string, atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, path, doneLog], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const published: number[] = [];
    let inFlight = false;
    let buffered = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`child did not get going in time: ${stderr}`));
    }, 60_000);
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'in-flight') inFlight = true;
        else if (line.startsWith('published ')) published.push(Number(line.slice('published '.length)));
      }
      if (!killed && inFlight && published.length >= atLeast) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) resolve(published);
      else reject(new Error(`child exited with ${code ?? signal} before it was killed: ${stderr}`));
    });
  });
}

describe('outbox bus after a crash (SIGKILL)', () => {
  let dir: string | undefined;
  let bus: EventBus | undefined;

  afterEach(async () => {
    await bus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    bus = undefined;
    dir = undefined;
  });

  it('delivers after reopen every message the dead process published and had not finished handling', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wireup-outbox-crash-'));
    const path = join(dir, 'wireup.db');
    const doneLog = join(dir, 'done.log');
    const published = await publishThenKill(path, doneLog, 300);
    const doneBeforeCrash = new Set(
      existsSync(doneLog)
        ? readFileSync(doneLog, 'utf8')
            .split('\n')
            .filter((l) => /^\d+$/.test(l))
            .map(Number)
        : [],
    );
    const owed = published.filter((n) => !doneBeforeCrash.has(n));
    // The stuck message (n = 30) and everything behind it on its key were never handled.
    expect(owed).toContain(30);

    bus = createOutboxEventBus({ path });
    const delivered: Array<{ key: string; n: number }> = [];
    await bus.subscribe<{ n: number }>('runs', async (m) => {
      delivered.push({ key: m.key, n: m.value.n });
    });
    await bus.start();
    const deadline = Date.now() + 30_000;
    const missing = (): number[] => {
      const got = new Set(delivered.map((d) => d.n));
      return owed.filter((n) => !got.has(n));
    };
    while (missing().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    expect(missing()).toEqual([]);
    const stuck = delivered.filter((d) => d.key === 'stuck').map((d) => d.n);
    expect(stuck[0]).toBe(30);
    expect(stuck).toEqual([...stuck].sort((a, b) => a - b));
  }, 120_000);
});
