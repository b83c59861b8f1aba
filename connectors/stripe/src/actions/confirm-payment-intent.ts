/** Action confirm-payment-intent: `paymentIntents.confirm` (POST /v1/payment_intents/{id}/confirm). */
import type { ConfirmPaymentIntentInput } from '../generated/types.ts';
import { emailInput, idInput, inputObject, urlInput } from '../schemas/inputs.ts';
import { paymentIntentSample, paymentIntentSchema } from '../schemas/payment-intent.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const confirmPaymentIntent = defineStripeAction<ConfirmPaymentIntentInput>({
  key: 'confirm-payment-intent',
  displayName: 'Confirm payment intent',
  description:
    'Tries to collect a payment intent with its (or the given) payment method. A decline fails the step with the decline code; a payment needing customer action comes back with status `requires_action`.',
  inputSchema: inputObject(
    {
      id: idInput('payment intent', 'pi'),
      payment_method: idInput('payment method to use', 'pm'),
      off_session: { type: 'boolean', description: 'The customer is not present (e.g. a renewal).' },
      return_url: urlInput('Where to send the customer back after a redirect-based payment method.'),
      receipt_email: emailInput('Email address to send the receipt to.'),
    },
    ['id'],
  ),
  outputSchema: paymentIntentSchema,
  sample: paymentIntentSample,
  call: (stripe, { id, ...params }, options) => stripe.paymentIntents.confirm(id, params, options),
});
