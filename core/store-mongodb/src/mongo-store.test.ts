import { describe, expect, it } from 'vitest';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { unreachable } from './mongo-store.ts';

describe('unreachable: which MongoDB errors are outages (retriable, never dead-lettered)', () => {
  it('counts network errors and the labelled transient errors of a failover, not a refused write', () => {
    expect(unreachable(new MongoNetworkError('connection reset'))).toBe(true);
    expect(
      unreachable(new MongoServerError({ message: 'not primary', code: 10107, errorLabels: ['RetryableWriteError'] })),
    ).toBe(true);
    expect(unreachable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(unreachable(new TypeError('bug'))).toBe(false);
  });
});
