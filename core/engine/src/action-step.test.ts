import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, UpstreamError } from '@wireup/sdk';
import { createHarness, orderEvent, type Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const step = (id: string, action: 'create-ticket' | 'send-once') => ({
  id,
  type: 'action',
  connector: 'acme',
  action,
  connection: 'conn_1',
  input: action === 'create-ticket' ? { customer: 'c', title: 't' } : { text: 'hello' },
});
const ambiguous = () =>
  new NetworkError(
    'POST https://acme.example/send failed after the request was sent: timed out after 30000 ms',
    undefined,
    { requestSent: true },
  );

describe('action step: actions that are not safe to repeat', () => {
  it('does not repeat an action marked idempotent: false after a failure that leaves its effect unknown', async () => {
    h = await createHarness();
    h.control.behaviour = async () => {
      throw ambiguous();
    };
    await h.publishWorkflow('wf', [step('send', 'send-once')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('failed');
    expect(h.control.calls).toHaveLength(1);
    expect(run.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'ACTION_OUTCOME_UNKNOWN', retriable: false },
    });
    expect(run.steps[0].error!.message).toMatch(
      /acme\.send-once may or may not have taken effect \(.*timed out.*\)\. The action is not safe to repeat/,
    );
  });

  it('still retries it after a failure that never reached the provider (refused connection, 5xx answer)', async () => {
    h = await createHarness();
    h.control.behaviour = async () => {
      const n = h.control.calls.length;
      if (n === 1) throw new NetworkError('connect ECONNREFUSED', undefined, { requestSent: false });
      if (n === 2) throw new UpstreamError('Acme answered 503', 503);
      return { id: 'sent' };
    };
    await h.publishWorkflow('wf', [step('send', 'send-once')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].attempts).toBe(3);
  });

  it('repeats an idempotent action after the same ambiguous failure', async () => {
    h = await createHarness();
    h.control.behaviour = async () => {
      if (h.control.calls.length === 1) throw ambiguous();
      return { id: 'ticket' };
    };
    await h.publishWorkflow('wf', [step('open', 'create-ticket')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(h.control.calls.map((c) => c.idempotencyKey)).toEqual([
      h.control.calls[0].idempotencyKey,
      h.control.calls[0].idempotencyKey,
    ]);
  });
});
