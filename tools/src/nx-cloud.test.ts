/**
 * `npm test` prints no Nx Cloud suggestions: Nx 23's run report offers remote caching and
 * Nx Agents ("Drastically reduce your run duration…") unless the workspace opted out, which
 * Nx reads from nx.json's `neverConnectToCloud` or `NX_NO_CLOUD=true`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

describe('no Nx Cloud', () => {
  it('nx.json opts out of Nx Cloud, and npm test says so again to Nx', () => {
    const nxJson = JSON.parse(readFileSync(resolve(root, 'nx.json'), 'utf8')) as {
      neverConnectToCloud?: boolean;
      nxCloudId?: string;
      nxCloudAccessToken?: string;
    };
    expect(nxJson.neverConnectToCloud).toBe(true);
    expect(nxJson.nxCloudId ?? nxJson.nxCloudAccessToken).toBeUndefined();
    expect(readFileSync(resolve(root, 'tools/test/run.sh'), 'utf8')).toMatch(/^export NX_NO_CLOUD=true\b/m);
  });
});
