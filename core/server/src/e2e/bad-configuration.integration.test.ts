/**
 * Bad configuration at start: an unreachable broker or database gives one clear error line and
 * a non-zero exit, quickly, not a stack trace loop.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from '../testing/harness.ts';
import { repoRoot } from '../testing/spawn-wireup.ts';

function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wireup-badconf-'));
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'core/server/src/cli/wireup.ts'), 'start'],
    {
      cwd: repoRoot,
      env: { ...testEnv(dataDir), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  rmSync(dataDir, { recursive: true, force: true });
  return {
    status: result.status,
    stderr: result.stderr.trim(),
    stdout: result.stdout,
    seconds: (Date.now() - started) / 1000,
  };
}

describe('bad configuration at start', () => {
  it.each([
    ['an unreachable Kafka broker', { KAFKA_BROKERS: '127.0.0.1:1' }, /kafka|broker/i],
    ['an unreachable MongoDB', { MONGODB_URL: 'mongodb://127.0.0.1:1/wireup' }, /mongo|database/i],
    ['a malformed MongoDB URL', { MONGODB_URL: 'not-a-url' }, /mongo/i],
    ['a bad role', { WIREUP_ROLE: 'boss' }, /WIREUP_ROLE/],
    ['a bad port', { PORT: 'eighty' }, /PORT/],
    ['a bad log level', { WIREUP_LOG_LEVEL: 'loud' }, /WIREUP_LOG_LEVEL=loud is not one of trace, debug, info/],
    ['a bad metrics switch', { WIREUP_METRICS_PUBLIC: 'maybe' }, /WIREUP_METRICS_PUBLIC=maybe is not true or false/],
  ])(
    '%s: one clear line, exit 1',
    (_what, env, pattern) => {
      const r = start(env);
      expect(r.status).toBe(1);
      const lines = r.stderr
        .split('\n')
        .filter((l) => l.trim() && !/ExperimentalWarning|FSTDEP|--trace-warnings|DeprecationWarning/.test(l));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^wireup: could not start: /);
      expect(lines[0]).toMatch(pattern);
      expect(lines[0]).not.toMatch(/\s+at \S+ \(/);
      expect(r.stdout).not.toContain('running at');
      expect(r.seconds).toBeLessThan(45);
    },
    60_000,
  );
});
