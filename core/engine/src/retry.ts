/**
 * Retries of retriable errors: exponential backoff with full jitter (a delay drawn uniformly
 * from 0 to min(maxDelayMs, initialDelayMs · 2^(attempt-1))), except that a provider's
 * requested wait (RateLimitedError.retryAfterMs, from Retry-After or a rate-limit reset header)
 * is honoured as given. A wait up to parkAfterMs is slept in-process; a longer one is not: the
 * outcome says `parkMs` and the executor parks the run (it resumes through the bus, holding no
 * executor slot meanwhile). A requested wait longer than maxRetryAfterMs fails the step.
 */
import { isRetriable, type ManifestAction } from '@wireup/sdk';
import type { RetryPolicy } from './engine.ts';

/** The engine's default policy (RetryPolicy documents each field). */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
  parkAfterMs: 5_000,
};

/** The policy for one action: the engine's, overridden by the action manifest's `retry`. */
export function resolveRetryPolicy(engine: RetryPolicy, action?: Pick<ManifestAction, 'retry'>): RetryPolicy {
  const own = action?.retry ?? {};
  return {
    maxAttempts: own.maxAttempts ?? engine.maxAttempts,
    initialDelayMs: own.initialDelayMs ?? engine.initialDelayMs,
    maxDelayMs: own.maxDelayMs ?? engine.maxDelayMs,
    maxRetryAfterMs: engine.maxRetryAfterMs,
    parkAfterMs: engine.parkAfterMs,
  };
}

/** The provider's requested wait carried by an error, if any. */
export function retryAfterOf(error: unknown): number | undefined {
  const ms = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The wait before the next attempt after `attempt` (1-based) failed with `error`, or null when
 * there is no next attempt (not retriable, attempts used up, or the provider asks for too long).
 */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random: () => number = Math.random,
): number | null {
  if (!isRetriable(error) || attempt >= policy.maxAttempts) return null;
  const requested = retryAfterOf(error);
  if (requested !== undefined) return requested > policy.maxRetryAfterMs ? null : requested;
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  random?: () => number;
  /** The number of the first attempt (more than 1 when a parked step resumes). Default 1. */
  firstAttempt?: number;
  /** Whether the work may run again after this retriable error; false ends it with the error. Default: always. */
  mayRepeat?(error: unknown): boolean;
  /** Called after a failed attempt that will be retried in-process, before the wait. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void | Promise<void>;
  /** Checked before each new attempt; when aborted, the last error is thrown at once. */
  signal?: AbortSignal;
}

/**
 * The outcome of retried work: its value, or its last error and, when the next attempt is due
 * only after a wait longer than the policy's parkAfterMs, that wait (`parkMs`: not slept).
 */
export type RetryOutcome<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number; parkMs?: number };

/** Runs `work` until it succeeds, fails for good, or must wait longer than parkAfterMs. Never throws. */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  for (let attempt = Math.max(1, options.firstAttempt ?? 1); ; attempt++) {
    try {
      return { ok: true, value: await work(attempt), attempts: attempt };
    } catch (error) {
      const delay = nextDelay(options.policy, attempt, error, options.random);
      if (delay === null || options.signal?.aborted || options.mayRepeat?.(error) === false)
        return { ok: false, error, attempts: attempt };
      if (delay > options.policy.parkAfterMs) return { ok: false, error, attempts: attempt, parkMs: delay };
      await options.onRetry?.(error, attempt, delay);
      await options.sleep(delay);
      if (options.signal?.aborted) return { ok: false, error, attempts: attempt };
    }
  }
}
