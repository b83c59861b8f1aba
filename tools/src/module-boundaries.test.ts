import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

const pkg = (name: string, tags: string[], dependencies: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies, nx: { tags } });

/** A small workspace laid out like ours, every project importing only what it may. */
const workspace: Record<string, string> = {
  'core/sdk/package.json': pkg('@wireup/sdk', ['scope:sdk']),
  'core/store/package.json': pkg('@wireup/store', ['scope:core', 'type:port'], { '@wireup/sdk': '*' }),
  'core/store-sqlite/package.json': pkg('@wireup/store-sqlite', ['scope:core', 'type:adapter'], {
    '@wireup/store': '*',
    'better-sqlite3': '^12',
  }),
  'core/bus/package.json': pkg('@wireup/bus', ['scope:core', 'type:port'], { '@wireup/sdk': '*' }),
  'core/bus-kafka/package.json': pkg('@wireup/bus-kafka', ['scope:core', 'type:adapter'], {
    '@wireup/bus': '*',
    '@wireup/runtime': '*',
    kafkajs: '2',
  }),
  'core/runtime/package.json': pkg('@wireup/runtime', ['scope:core', 'type:runtime'], { '@wireup/sdk': '*' }),
  'core/engine/package.json': pkg('@wireup/engine', ['scope:core'], { '@wireup/bus': '*', '@wireup/store': '*' }),
  'core/testing/package.json': pkg('@wireup/testing', ['scope:testing'], {
    '@wireup/engine': '*',
    '@wireup/runtime': '*',
  }),
  'core/server/package.json': pkg('@wireup/server', ['scope:app'], {
    '@wireup/store-sqlite': '*',
    '@wireup/bus-kafka': '*',
  }),
  'connectors/acme/package.json': pkg('@wireup/connector-acme', ['scope:connector'], { '@wireup/sdk': '*' }),
  'core/store/src/store.ts': "import { WireupError } from '@wireup/sdk';\n",
  'core/store-sqlite/src/sqlite-store.ts':
    "import type { Store } from '@wireup/store';\nimport { StoreConflictError } from '@wireup/store';\n",
  'core/bus-kafka/src/kafka.ts':
    "import { createKeyedDispatcher } from '@wireup/bus';\nimport { createGroupSender } from '@wireup/runtime';\n",
  'core/engine/src/engine.ts':
    "import type { EventBus } from '@wireup/bus';\nimport { checkpointRun } from '@wireup/store';\nimport { silentLogger } from '@wireup/runtime';\n",
  'core/engine/src/engine.test.ts':
    "import { createSqliteStore } from '@wireup/store-sqlite';\nimport { createMemoryStore } from '@wireup/testing';\n",
  'core/server/src/wireup.ts':
    "import { createSqliteStore } from '@wireup/store-sqlite';\nimport { createKafkaEventBus } from '@wireup/bus-kafka';\n",
  'connectors/acme/src/a.ts': "import { defineAction } from '@wireup/sdk';\n",
  'connectors/acme/src/a.test.ts': "import { createHttpClient } from '@wireup/testing';\n",
};

function violationsWith(files: Record<string, string>): string[] {
  const dir = fixture({ ...workspace, ...files });
  try {
    return findViolations(dir)
      .map((v) => `${v.file} -> ${v.imports}`)
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('module boundaries', () => {
  it('the workspace respects them', () => {
    expect(findViolations(root)).toEqual([]);
  });

  it('a workspace laid out like ours has no violation (so each case below fails for its one import)', () => {
    expect(violationsWith({})).toEqual([]);
  });

  it.each([
    [
      'a port imports an adapter',
      'core/store/src/x.ts',
      "import { createSqliteStore } from '@wireup/store-sqlite';",
      '@wireup/store-sqlite',
    ],
    [
      'a port imports an adapter, even for a type',
      'core/bus/src/x.ts',
      "import type { KafkaOptions } from '@wireup/bus-kafka';",
      '@wireup/bus-kafka',
    ],
    [
      'a port imports the runtime',
      'core/store/src/x.ts',
      "import { createGroupSender } from '@wireup/runtime';",
      '@wireup/runtime',
    ],
    [
      'a port imports another port',
      'core/bus/src/x.ts',
      "import type { Store } from '@wireup/store';",
      '@wireup/store',
    ],
    [
      'an adapter imports another adapter',
      'core/bus-kafka/src/x.ts',
      "import { createSqliteStore } from '@wireup/store-sqlite';",
      '@wireup/store-sqlite',
    ],
    [
      'an adapter imports the engine',
      'core/store-sqlite/src/x.ts',
      "import { createEngine } from '@wireup/engine';",
      '@wireup/engine',
    ],
    [
      'the engine imports an adapter',
      'core/engine/src/x.ts',
      "import { createKafkaEventBus } from '@wireup/bus-kafka';",
      '@wireup/bus-kafka',
    ],
    [
      'the engine imports the composition root (dynamic import)',
      'core/engine/src/x.ts',
      "const m = await import('@wireup/server');",
      '@wireup/server',
    ],
    [
      'the runtime imports a port',
      'core/runtime/src/x.ts',
      "export type { Store } from '@wireup/store';",
      '@wireup/store',
    ],
    [
      'the SDK imports the runtime',
      'core/sdk/src/x.ts',
      "import { createHttpClient } from '@wireup/runtime';",
      '@wireup/runtime',
    ],
    [
      'a connector imports the engine',
      'connectors/acme/src/x.ts',
      "import { createEngine } from '@wireup/engine';",
      '@wireup/engine',
    ],
    [
      'a connector imports the runtime',
      'connectors/acme/src/x.ts',
      "import { createHttpClient } from '@wireup/runtime';",
      '@wireup/runtime',
    ],
    [
      'a connector imports a port, even for a type',
      'connectors/acme/src/x.ts',
      "import type { Store } from '@wireup/store';",
      '@wireup/store',
    ],
    [
      "a connector's test imports an adapter",
      'connectors/acme/src/x.test.ts',
      "import { createSqliteStore } from '@wireup/store-sqlite';",
      '@wireup/store-sqlite',
    ],
    [
      "an adapter's non-test code imports @wireup/testing",
      'core/bus-kafka/src/x.ts',
      "import { describeEventBusContract } from '@wireup/testing';",
      '@wireup/testing',
    ],
  ])('fails when %s', (_case, file, source, imported) => {
    expect(violationsWith({ [file]: source + '\n' })).toEqual([`${file} -> ${imported}`]);
  });

  it.each([
    [
      'a port depends on a driver',
      'core/bus/package.json',
      pkg('@wireup/bus', ['scope:core', 'type:port'], { '@wireup/sdk': '*', 'better-sqlite3': '^12' }),
      'better-sqlite3',
    ],
    [
      'an adapter depends on another adapter (and so on its driver)',
      'core/bus-kafka/package.json',
      pkg('@wireup/bus-kafka', ['scope:core', 'type:adapter'], { '@wireup/bus': '*', '@wireup/store-sqlite': '*' }),
      '@wireup/store-sqlite',
    ],
    [
      'a connector depends on the runtime',
      'connectors/acme/package.json',
      pkg('@wireup/connector-acme', ['scope:connector'], { '@wireup/sdk': '*', '@wireup/runtime': '*' }),
      '@wireup/runtime',
    ],
  ])('fails when %s (package.json)', (_case, file, content, dependency) => {
    expect(violationsWith({ [file]: content })).toEqual([`${file} -> ${dependency}`]);
  });
});
