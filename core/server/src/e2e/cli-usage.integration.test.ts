/**
 * The `wireup` CLI as a user runs it: the bin shim (`npx wireup`), options checked like their
 * variables, one-line errors for missing folders, `--help` per command.
 */
import { describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from '../testing/harness.ts';
import { repoRoot } from '../testing/spawn-wireup.ts';
import { commandHelp } from '../cli/command-help.ts';

const shim = join(repoRoot, 'core/server/bin/wireup.mjs');
const noise = /ExperimentalWarning|FSTDEP|--trace-warnings|DeprecationWarning/;

/** Runs `node core/server/bin/wireup.mjs ...args` (the bin) in a temporary data folder. */
function wireup(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wireup-cli-'));
  try {
    const r = spawnSync(process.execPath, [shim, ...args], {
      cwd: repoRoot,
      env: { ...testEnv(dataDir), ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return {
      status: r.status,
      stdout: r.stdout,
      errLines: r.stderr.split('\n').filter((l) => l.trim() && !noise.test(l)),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('wireup CLI', () => {
  it('npx wireup runs the bin from the workspace root', () => {
    const r = spawnSync('npx', ['--no-install', 'wireup', '--help'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wireup <command>/);
  }, 40_000);

  it('start --role bogus is refused like WIREUP_ROLE=bogus: one line naming the option, exit 1', () => {
    const byOption = wireup(['start', '--role', 'bogus']);
    expect(byOption.status).toBe(1);
    expect(byOption.errLines).toEqual(['wireup: could not start: --role bogus is not one of all, ingest, worker.']);
    const byVariable = wireup(['start'], { WIREUP_ROLE: 'bogus' });
    expect(byVariable.status).toBe(1);
    expect(byVariable.errLines).toEqual([
      'wireup: could not start: WIREUP_ROLE=bogus is not one of all, ingest, worker.',
    ]);
    const noValue = wireup(['start', '--role']);
    expect(noValue.status).toBe(1);
    expect(noValue.errLines).toEqual(['wireup: could not start: --role needs a value (see wireup start --help).']);
  }, 60_000);

  it('connectors validate on a missing folder: one line naming it, exit 1', () => {
    const r = wireup(['connectors', 'validate', 'connectors/nope']);
    expect(r.status).toBe(1);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^wireup: no connector folder at connectors\/nope /);
    expect(r.errLines[0]).not.toMatch(/ENOENT/);
  }, 40_000);

  it('output piped into a reader that stops early (| head) ends quietly, exit 0, no EPIPE stack', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wireup-cli-'));
    try {
      // `true` exits before Wireup writes anything: every write meets a closed pipe.
      const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${shim}" connectors list | true`], {
        cwd: repoRoot,
        env: testEnv(dataDir),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.stderr.split('\n').filter((l) => l.trim() && !noise.test(l))).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);

  it('wireup --help lists every command', () => {
    const r = wireup(['--help']);
    expect(r.status).toBe(0);
    for (const command of Object.keys(commandHelp)) expect(r.stdout).toContain(`  ${command}`);
  }, 40_000);

  it('<command> --help lists its options and the variables that matter', async () => {
    const run = promisify(execFile);
    const usage = wireup(['--help']).stdout;
    const commands = Object.keys(commandHelp);
    const outputs = await Promise.all(
      commands.map((c) => run(process.execPath, [shim, ...c.split(' '), '--help'], { cwd: repoRoot, timeout: 60_000 })),
    );
    commands.forEach((command, i) => {
      const out = outputs[i].stdout;
      expect(out).toMatch(new RegExp(`^Usage: wireup ${command}\\b`));
      const listed = usage.split('\n').find((l) => l.startsWith(`  ${command} `)) ?? '';
      for (const option of listed.match(/--[a-z-]+/g) ?? []) expect(out, command).toContain(option);
      expect(out, command).toMatch(/Environment:\n {2}[A-Z_]+|No variables|no variables/);
    });
    expect(outputs.find((_, i) => commands[i] === 'start')?.stdout).toContain('WIREUP_ROLE');
  }, 90_000);
});
