/**
 * The preamble most e2e suites share: a harness (testing/harness.ts) with the headline scenario
 * set up (testing/scenario.ts) before the enclosing `describe`'s tests, closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { setUpScenario, type Scenario } from './scenario.ts';

/**
 * Registers the enclosing describe's `beforeAll`/`afterAll` and returns the harness and the
 * scenario. The two objects are returned empty and filled in by `beforeAll`, so a suite writes
 * `const { h, s } = useScenario();` and uses them in its tests (not at collection time).
 */
export function useScenario(): { h: Harness; s: Scenario } {
  const h = {} as Harness;
  const s = {} as Scenario;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
    Object.assign(s, await setUpScenario(h));
  });
  afterAll(async () => h.close?.());
  return { h, s };
}
