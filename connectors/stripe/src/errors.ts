/**
 * The Stripe connector's own errors. Everything else it raises comes from @wireup/sdk's
 * registry (AuthenticationError, InvalidInputError, RateLimitedError, UpstreamError,
 * NetworkError, SignatureInvalidError, PayloadInvalidError); client.ts maps Stripe's errors
 * onto them.
 */
import { defineErrorRegistry, WireupError } from '@wireup/sdk';

/** Stripe declined a card or payment method. Not retriable: retrying the same card gets the same answer. */
export class CardDeclinedError extends WireupError {
  /** The issuer's reason, e.g. `insufficient_funds`, `generic_decline`; the error code when there is none. */
  readonly declineCode: string | undefined;
  constructor(message: string, declineCode: string | undefined, details?: unknown) {
    super('STRIPE_CARD_DECLINED', message, { statusCode: 402, retriable: false, details });
    this.declineCode = declineCode;
  }
}

/**
 * The same Idempotency-Key was sent again with different parameters (e.g. a step replayed
 * after its input was edited). Not retriable: the step needs a new run.
 */
export class IdempotencyConflictError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('STRIPE_IDEMPOTENCY_CONFLICT', message, { statusCode: 409, retriable: false, details });
  }
}

/** WIREUP_STRIPE_API_BASE is not a usable http(s) origin. An operator fixes the configuration. */
export class StripeApiBaseInvalidError extends WireupError {
  constructor(value: string, reason: string) {
    super(
      'STRIPE_API_BASE_INVALID',
      `WIREUP_STRIPE_API_BASE="${value}" is not usable: ${reason}. Give an origin such as https://api.stripe.com or http://127.0.0.1:12111 (stripe-mock), or unset it.`,
      { statusCode: 500 },
    );
  }
}

/** The codes the Stripe connector raises besides the SDK's (docs/errors.md is generated from the registries). */
export const stripeErrors = defineErrorRegistry('stripe connector', {
  STRIPE_CARD_DECLINED: {
    status: 402,
    meaning: 'Stripe declined the card; the message and `declineCode` say why (not retried)',
  },
  STRIPE_IDEMPOTENCY_CONFLICT: {
    status: 409,
    meaning: 'Stripe refused a repeated request whose Idempotency-Key was used with other parameters (not retried)',
  },
  STRIPE_API_BASE_INVALID: {
    status: 500,
    meaning: '`WIREUP_STRIPE_API_BASE` is not an http(s) origin (scheme, host and port only); fix the configuration',
  },
});
