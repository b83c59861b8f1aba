/**
 * `matches` runs on a linear-time engine: a catastrophic pattern (`^(a+)+$` against 34 a's and
 * a `!`, which freezes a backtracking engine for many seconds) is answered at once and the
 * server keeps serving; a pattern the engine refuses is a 422 when the workflow is saved.
 */
import { describe, expect, it } from 'vitest';
import { stripeEvent, failedCharge, postSigned } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow, type Scenario } from '../testing/scenario.ts';

function withPattern(s: Scenario, right: string) {
  const doc = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection);
  doc.steps[0] = {
    id: 'declines-only',
    type: 'filter',
    when: { all: [{ left: '{{trigger.data.object.description}}', op: 'matches', right }] },
  };
  return { ...doc, name: `matches ${right.slice(0, 40)}` }; // names are limited to 200 characters (docs/limits.md)
}

describe('matches on a linear-time engine', () => {
  const { h, s } = useScenario();

  it('^(a+)+$ against 34 a\'s and "!" is answered at once while the server keeps answering', async () => {
    const created = await h.api('POST', '/v1/workflows', withPattern(s, '^(a+)+$'));
    expect(created.status).toBe(201);
    expect((await h.api('POST', `/v1/workflows/${created.body.id}/publish`)).status).toBe(200);
    const started = Date.now();
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_redos', description: `${'a'.repeat(34)}!` }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const health = await fetch(`${h.wireup.url}/healthz`);
    expect(health.status).toBe(200);
    const run = await waitForRun(h, created.body.id, { status: ['filtered', 'failed'], timeoutMs: 10_000 });
    expect(run.status).toBe('filtered');
    expect(Date.now() - started).toBeLessThan(5_000);
    const detail = (await h.api('GET', `/v1/runs/${run.id}`)).body;
    expect(detail.steps[0].output).toMatchObject({ passed: false });
  });

  it('a pattern the engine refuses (a backreference) is a 422 at save time naming the step and condition', async () => {
    const res = await h.api('POST', '/v1/workflows', withPattern(s, '(a)\\1'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WORKFLOW_INVALID');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: '/steps/0/when/all/0/right',
        message: expect.stringMatching(/^step "declines-only", condition all\[0\]: .*RE2.*invalid escape sequence/),
      }),
    ]);
    const tooLong = await h.api('POST', '/v1/workflows', withPattern(s, 'a'.repeat(501)));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details[0].message).toMatch(/the limit is 500/);
  });
});
