/**
 * Every package the lockfile installs supports the Node versions Wireup supports (root
 * package.json `engines.node`, Node 20.19 and up), so `npm install` / `npm ci` print no
 * EBADENGINE warning. A dependency that moves to Node 22 shows up here first; pin it (or its
 * parent) with root `overrides` to a version that still runs on Node 20.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const supported = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } })
  .engines.node;

describe('dependency engines', () => {
  it('no installed package needs a newer Node than the oldest one Wireup supports', () => {
    const oldest = semver.minVersion(supported)!.version;
    const tooNew = Object.entries(lock.packages)
      .filter(
        ([path, p]) =>
          path && !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(oldest, p.engines.node),
      )
      .map(([path, p]) => `${path}@${p.version} needs node ${(p.engines as { node: string }).node}`);
    expect(tooNew, `these would warn EBADENGINE on Node ${oldest}`).toEqual([]);
  });
});
