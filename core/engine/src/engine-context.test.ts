import { describe, expect, it } from 'vitest';
import { createEngineContext } from './engine-context.ts';
import { defaultRetryPolicy } from './retry.ts';
import type { EngineOptions } from './engine.ts';

const ports = {} as Pick<EngineOptions, 'store' | 'bus' | 'connectors' | 'openAuth' | 'http'>;

describe('createEngineContext', () => {
  it('keeps the default of a retry field given as undefined (an unset variable), so backoff is never NaN', () => {
    const ctx = createEngineContext({ ...ports, retry: { maxAttempts: undefined, initialDelayMs: undefined, maxDelayMs: 900 } }, new AbortController().signal);
    expect(ctx.retry).toEqual({ ...defaultRetryPolicy, maxDelayMs: 900 });
  });
});
