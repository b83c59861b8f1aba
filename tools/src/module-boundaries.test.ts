import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findViolations } from './module-boundaries.ts';

const root = resolve(import.meta.dirname, '..', '..');

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-boundaries-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const pkg = (name: string, tags: string[]) => JSON.stringify({ name, nx: { tags } });

describe('module boundaries', () => {
  it('the workspace respects them', () => {
    expect(findViolations(root)).toEqual([]);
  });

  it('catches a connector importing the engine, and the engine importing an adapter', () => {
    const dir = fixture({
      'core/sdk/package.json': pkg('@wireup/sdk', ['scope:sdk']),
      'core/engine/package.json': pkg('@wireup/engine', ['scope:core']),
      'core/bus/package.json': pkg('@wireup/bus', ['scope:core', 'type:port']),
      'core/bus-kafka/package.json': pkg('@wireup/bus-kafka', ['scope:core', 'type:adapter']),
      'connectors/acme/package.json': pkg('@wireup/connector-acme', ['scope:connector']),
      'connectors/acme/src/a.ts': "import { defineAction } from '@wireup/sdk';\nimport { createEngine } from '@wireup/engine';\n",
      'core/engine/src/e.ts': "import type { EventBus } from '@wireup/bus';\nimport { createKafkaEventBus } from '@wireup/bus-kafka';\n",
    });
    expect(findViolations(dir).map((v) => `${v.file} -> ${v.imports}`).sort()).toEqual([
      'connectors/acme/src/a.ts -> @wireup/engine',
      'core/engine/src/e.ts -> @wireup/bus-kafka',
    ]);
  });
});
