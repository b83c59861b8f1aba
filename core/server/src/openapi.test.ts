import { describe, expect, it } from 'vitest';
import { startHarness } from './testing/harness.ts';
import { openapiDocument } from './openapi.ts';

describe('openapi.json', () => {
  it('describes every route the server registers', async () => {
    const h = await startHarness();
    try {
      const documented = new Set(Object.entries(openapiDocument.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
      const registered = h.wireup.app.routesSeen
        .filter((r) => r.url.startsWith('/v1/') && !r.url.includes('*'))
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
      expect(registered.length).toBeGreaterThan(10);
      expect(registered.filter((r) => !documented.has(r))).toEqual([]);
      const served = await fetch(`${h.wireup.url}/openapi.json`).then((r) => r.json());
      expect(served.openapi).toBe('3.1.0');
    } finally {
      await h.close();
    }
  });
});
