/**
 * schemathesis (PyPI, pinned in tools/schemathesis/install.sh) against `wireup start` with the
 * token: every check (server errors, status codes and response schemas as documented, schema-
 * valid data accepted and invalid data refused, 405 for undeclared methods …) must pass.
 * Bounded: a few examples per operation and a fixed seed, so the run is the same every time.
 * One worker: with two, schemathesis' threads call Python 3.11's `ast.parse` at once (Hypothesis
 * describing its filters), which now and then fails inside the tool with "AST constructor recursion
 * depth mismatch" (CPython gh-106905), a Runtime Error of the tool and not an answer of ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testToken } from '../testing/harness.ts';
import { spawnWireup, repoRoot, type WireupProcess } from '../testing/spawn-wireup.ts';

const run = promisify(execFile);

describe('schemathesis against wireup start', () => {
  let proc: WireupProcess | undefined;
  let dataDir: string;
  let schemathesis: string;
  beforeAll(async () => {
    // Installs into .cache/schemathesis on first use (about a minute), then answers at once.
    schemathesis = (
      await run('bash', [join(repoRoot, 'tools/schemathesis/install.sh')], { timeout: 600_000 })
    ).stdout.trim();
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-schemathesis-'));
    // Private egress off, as in production: no generated URL reaches anything on this machine.
    proc = await spawnWireup(dataDir, { WIREUP_EGRESS_ALLOW_PRIVATE: 'false', WIREUP_LOG_LEVEL: 'warn' });
  }, 660_000);
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await proc?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports no failure with every check on', async () => {
    const args = [
      '--no-color',
      '--config-file',
      join(repoRoot, 'core/server/schemathesis.toml'),
      'run',
      `${proc!.url}/openapi.json`,
      '-H',
      `Authorization: Bearer ${testToken}`,
      '--checks',
      'all',
      '--max-examples',
      '8',
      '--workers',
      '1',
      '--seed',
      '1',
      '--request-timeout',
      '10',
    ];
    // Run in the temporary folder: schemathesis keeps its cache (.schemathesis/) in the working directory.
    const result = await run(schemathesis, args, { cwd: dataDir, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? 1,
        out: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    // The report from its first section of findings (FAILURES or ERRORS), else its last lines.
    const findings = ['=== FAILURES', '=== ERRORS'].map((h) => result.out.indexOf(h)).filter((i) => i >= 0);
    const summary = result.out.slice(findings.length ? Math.min(...findings) : Math.max(0, result.out.length - 3000));
    // In the assertion's message: CI shows the failed assertion, not always what the test printed.
    expect(result.code, `schemathesis failed:\n${summary.slice(0, 6000)}`).toBe(0);
    expect(Number(/Tested: (\d+)/.exec(result.out)?.[1])).toBeGreaterThanOrEqual(20);
    expect(result.out).toMatch(/No issues found|passed/i);
  }, 300_000);
});
