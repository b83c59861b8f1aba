/**
 * Every /v1 route the server registers, present and future, needs the token: the test walks the
 * routes the app actually registered (not a hand-kept list), so a route group added outside the
 * guarded API plugin fails here. Only the routes listed as open (signed by their provider, or the
 * sign-in itself) answer without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';

/** Routes that are open on purpose, each with why. */
const OPEN: Record<string, string> = {
  '/v1/webhooks/:hook': 'providers sign their deliveries',
  '/v1/webhooks/:hook/:token': 'providers sign their deliveries',
};

describe('every /v1 route needs the token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('answers 401 without the token on every guarded route and method', async () => {
    const guarded = h.wireup.app.routesSeen.filter(
      (r) => r.url.startsWith('/v1/') && !(r.url in OPEN) && !r.url.startsWith('/v1/webhooks/'),
    );
    expect(guarded.length).toBeGreaterThan(15);
    const refused: string[] = [];
    for (const { method, url } of guarded) {
      const path = url.replace(/:(\w+)/g, 'x').replace(/\*$/, 'x');
      const res = await fetch(`${h.wireup.url}${path}`, {
        method,
        headers: method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      if (res.status !== 401) refused.push(`${method} ${url} → ${res.status}`);
    }
    expect(refused).toEqual([]);
  });
});
