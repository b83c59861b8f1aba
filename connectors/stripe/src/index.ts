/** @wireup/connector-stripe: the Stripe connector (default export) and its client helpers. */
import stripe from './connector.ts';

export default stripe;
export { stripe };
export {
  stripeFor,
  callStripe,
  toWireupError,
  stripeApiBase,
  STRIPE_API_BASE_ENV,
  DEFAULT_STRIPE_API_BASE,
} from './client.ts';
export { verifyStripeWebhook, SIGNATURE_TOLERANCE_SECONDS } from './webhook.ts';
export { CardDeclinedError, IdempotencyConflictError, StripeApiBaseInvalidError } from './errors.ts';
