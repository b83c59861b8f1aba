import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectorEnvironmentReads } from './connector-environment.ts';

const root = resolve(import.meta.dirname, '..', '..');

describe('connectors read no environment variables (their settings come from ctx.settings)', () => {
  it('no connector source reads process.env', () => {
    expect(connectorEnvironmentReads(root)).toEqual([]);
  });

  it('finds a read in a connector source, and leaves its tests alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-connector-env-'));
    mkdirSync(join(dir, 'connectors/acme/src/actions'), { recursive: true });
    writeFileSync(join(dir, 'connectors/acme/src/client.ts'), 'const a = 1;\nconst base = process.env.ACME_BASE;\n');
    writeFileSync(join(dir, 'connectors/acme/src/actions/go.ts'), "const key = process['env'].ACME_KEY;\n");
    writeFileSync(join(dir, 'connectors/acme/src/client.test.ts'), "process.env.ACME_BASE = 'x';\n");
    expect(connectorEnvironmentReads(dir).sort()).toEqual([
      'connectors/acme/src/actions/go.ts:1',
      'connectors/acme/src/client.ts:2',
    ]);
  });
});
