/**
 * Kustomer failing: a 429 with a reset header is waited out and retried; a Kustomer that keeps
 * answering 500 ends the run failed (the dead-letter list), and a replay once it recovers succeeds.
 */
import { describe, expect, it } from 'vitest';
import { stripeEvent, failedCharge, postSigned } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';
import type { RunStatus } from '@wireup/store';
import { waitForRun } from '../testing/wait-for-run.ts';

describe('retries, failure and replay', () => {
  const { h, s } = useScenario();

  const runFor = (eventId: string, status: RunStatus[]) =>
    waitForRun(h, s.workflowId, { eventId, status, timeoutMs: 20_000 });

  it('429 with x-ratelimit-reset, then 200: waits, retries, succeeds', async () => {
    h.kustomer.reset();
    h.kustomer.failNext(1, {
      status: 429,
      method: 'POST',
      path: '/v1/conversations',
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
      body: { errors: [{ status: 429, code: 'rate_limited', title: 'Too many requests' }] },
    });
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_ratelimited' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const run = await runFor(event.id, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    const action = run.steps.find((step: any) => step.id === 'open-conversation');
    expect(action.attempts).toBe(2);
    const calls = h.kustomer.requests.filter((r) => r.method === 'POST' && r.path === '/v1/conversations');
    expect(calls).toHaveLength(2);
    expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(900);
    expect(h.kustomer.conversations).toHaveLength(1);
  });

  it('Kustomer keeps answering 500: the run fails after its last retry, and a replay after recovery succeeds', async () => {
    h.kustomer.reset();
    // Exactly the action's 4 attempts fail; the customer step before it succeeds and is kept for the replay.
    h.kustomer.failNext(4, {
      status: 500,
      method: 'POST',
      path: '/v1/conversations',
      body: { status: 500, code: 'internal_error', title: 'Internal Server Error', detail: 'database timeout' },
    });
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_down' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const failed = await runFor(event.id, ['failed']);
    const action = failed.steps.find((step: any) => step.id === 'open-conversation');
    expect(action.status).toBe('failed');
    expect(action.attempts).toBe(4);
    expect(action.error.message).toMatch(/database timeout|Internal Server Error/);
    expect(h.kustomer.requests.filter((r) => r.path === '/v1/conversations')).toHaveLength(4);
    expect(h.kustomer.conversations).toHaveLength(0);

    const deadLetters = (await h.api('GET', '/v1/runs?status=failed')).body.data;
    expect(deadLetters.map((r: any) => r.id)).toContain(failed.id);

    const replay = await h.api('POST', `/v1/runs/${failed.id}/replay`);
    expect(replay.status).toBe(202);
    const replayed = await runFor(event.id, ['succeeded']);
    expect(replayed.id).toBe(failed.id);
    expect(replayed.replays).toBe(1);
    expect(h.kustomer.conversations).toHaveLength(1);
    expect((await h.api('GET', '/v1/runs?status=failed')).body.data.map((r: any) => r.id)).not.toContain(failed.id);
  });

  it('replaying a run that did not fail is refused clearly', async () => {
    const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}&status=succeeded`)).body.data;
    const res = await h.api('POST', `/v1/runs/${runs[0].id}/replay`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/failed/);
    expect((await h.api('POST', '/v1/runs/run_nope/replay')).status).toBe(404);
  });
});
