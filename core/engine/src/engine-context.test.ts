import { describe, expect, it } from 'vitest';
import { createEngineContext } from './engine-context.ts';
import { defaultRetryPolicy } from './retry.ts';
import type { EngineOptions } from './engine.ts';

const ports = {} as Pick<EngineOptions, 'store' | 'bus' | 'connectors' | 'openAuth' | 'http'>;

describe('createEngineContext', () => {
  it('keeps the default of a retry field given as undefined (an unset variable), so backoff is never NaN', () => {
    const ctx = createEngineContext(
      { ...ports, retry: { maxAttempts: undefined, initialDelayMs: undefined, maxDelayMs: 900 } },
      new AbortController().signal,
    );
    expect(ctx.retry).toEqual({ ...defaultRetryPolicy, maxDelayMs: 900 });
  });
});

describe('the engine observer', () => {
  it('logs the errors it hears (with the error as err), and a failing logger or observer breaks nothing', () => {
    const lines: unknown[][] = [];
    const logger = {
      error: (f: object, m: string) => lines.push(['error', f, m]),
      warn: (f: object, m: string) => lines.push(['warn', f, m]),
      info: () => {},
      debug: () => {},
    };
    const heard: string[] = [];
    const ctx = createEngineContext(
      { ...ports, logger, observer: { error: (message) => heard.push(message) } },
      new AbortController().signal,
    );
    const boom = new Error('disk full');
    ctx.observer.error('Could not mark run r1 running', boom);
    ctx.observer.error('Polling p ended.', undefined);
    expect(lines).toEqual([
      ['error', { err: boom }, 'Could not mark run r1 running'],
      ['warn', {}, 'Polling p ended.'],
    ]);
    expect(heard).toEqual(['Could not mark run r1 running', 'Polling p ended.']);
    const throwing = () => {
      throw new Error('logger down');
    };
    const fragile = createEngineContext(
      {
        ...ports,
        logger: { error: throwing, warn: throwing, info: throwing, debug: throwing },
        observer: { error: throwing },
      },
      new AbortController().signal,
    );
    expect(() => fragile.observer.error('x', boom)).not.toThrow();
  });
});
