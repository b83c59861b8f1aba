/**
 * `defineStripeAction`: what every Stripe action shares. It checks the input against the
 * action's inputSchema before any call (InvalidInputError listing each problem), calls Stripe
 * through client.ts (the connection's client, the context's HTTP client and signal, Stripe's errors mapped), and declares the retry policy.
 * Every Stripe action is idempotent: writes send the step's idempotency key as Stripe's
 * `Idempotency-Key`, so a retried or resumed step never acts twice; reads are safe to repeat.
 */
import type Stripe from 'stripe';
import { formatProblems, defineAction, InvalidInputError, validateValue, type ActionDefinition } from '@wireup/sdk';
import { callStripe } from './client.ts';

/** Retries of retriable failures (rate limits, Stripe 5xx, network): 5 attempts, 1 s doubling to 30 s. */
export const stripeRetry = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 30_000 };

/** Options passed to SDK writes: the step's idempotency key. */
export interface WriteOptions {
  idempotencyKey: string;
}

export interface StripeActionSpec<I> extends Omit<ActionDefinition<I>, 'run' | 'idempotent' | 'retry'> {
  /** The SDK call. Writes pass `options` on, so Stripe receives the Idempotency-Key. */
  call: (stripe: Stripe, input: I, options: WriteOptions) => Promise<unknown>;
}

/** Declares a Stripe action from its data and its SDK call. */
export function defineStripeAction<I = Record<string, unknown>>(spec: StripeActionSpec<I>): ActionDefinition<I> {
  const { call, ...data } = spec;
  return defineAction<I>({
    ...data,
    idempotent: true,
    retry: stripeRetry,
    async run(ctx) {
      const input = (ctx.input ?? {}) as I;
      const problems = validateValue(data.inputSchema, input);
      if (problems.length) {
        throw new InvalidInputError(
          `Stripe action "${data.key}": the input is invalid: ${formatProblems(problems)}`,
          problems,
        );
      }
      return callStripe(ctx, (stripe) => call(stripe, input, { idempotencyKey: ctx.idempotencyKey }));
    },
  });
}
