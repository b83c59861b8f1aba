import { describe, expect, it } from 'vitest';
import { InvalidInputError, RateLimitedError, UpstreamError } from '@wireup/sdk';
import { defaultRetryPolicy, nextDelay, resolveRetryPolicy, withRetry } from './retry.ts';

const policy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 250, maxRetryAfterMs: 10_000, parkAfterMs: 60_000 };

describe('nextDelay', () => {
  it('doubles the ceiling each attempt, capped, with full jitter', () => {
    const top = () => 0.999999;
    expect(nextDelay(policy, 1, new UpstreamError('x', 503), top)).toBe(99);
    expect(nextDelay(policy, 2, new UpstreamError('x', 503), top)).toBe(199);
    expect(nextDelay(policy, 3, new UpstreamError('x', 503), top)).toBe(249);
    expect(nextDelay(policy, 1, new UpstreamError('x', 503), () => 0)).toBe(0);
  });

  it('honours the provider-requested wait', () => {
    expect(nextDelay(policy, 1, new RateLimitedError('slow down', 7000))).toBe(7000);
  });

  it('gives up on non-retriable errors, after the last attempt, and on waits longer than allowed', () => {
    expect(nextDelay(policy, 1, new UpstreamError('bad request', 400))).toBeNull();
    expect(nextDelay(policy, 1, new InvalidInputError('bad'))).toBeNull();
    expect(nextDelay(policy, 1, new TypeError('bug'))).toBeNull();
    expect(nextDelay(policy, 4, new UpstreamError('x', 500))).toBeNull();
    expect(nextDelay(policy, 1, new RateLimitedError('tomorrow', 86_400_000))).toBeNull();
  });
});

describe('resolveRetryPolicy', () => {
  it('lets the action manifest override the engine default', () => {
    expect(resolveRetryPolicy(defaultRetryPolicy, { retry: { maxAttempts: 2 } })).toEqual({
      ...defaultRetryPolicy,
      maxAttempts: 2,
    });
    expect(resolveRetryPolicy(defaultRetryPolicy, {})).toEqual(defaultRetryPolicy);
  });
});

describe('withRetry', () => {
  it('retries retriable errors until success and counts attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new UpstreamError('boom', 502);
        return 'done';
      },
      {
        policy,
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.5,
      },
    );
    expect(outcome).toEqual({ ok: true, value: 'done', attempts: 3 });
    expect(waits).toEqual([50, 100]);
  });

  it('stops at maxAttempts with the last error', async () => {
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        calls++;
        throw new UpstreamError(`boom ${calls}`, 500);
      },
      { policy, sleep: async () => {} },
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(4);
    expect(calls).toBe(4);
    expect(!outcome.ok && (outcome.error as Error).message).toBe('boom 4');
  });
});
