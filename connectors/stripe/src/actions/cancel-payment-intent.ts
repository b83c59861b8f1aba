/** Action cancel-payment-intent: `paymentIntents.cancel` (POST /v1/payment_intents/{id}/cancel). */
import type { CancelPaymentIntentInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { paymentIntentSample, paymentIntentSchema } from '../schemas/payment-intent.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const cancelPaymentIntent = defineStripeAction<CancelPaymentIntentInput>({
  key: 'cancel-payment-intent',
  displayName: 'Cancel payment intent',
  description:
    'Cancels a payment intent that has not succeeded yet, releasing any authorised funds. A succeeded payment cannot be canceled: refund it instead.',
  inputSchema: inputObject(
    {
      id: idInput('payment intent', 'pi'),
      cancellation_reason: {
        type: 'string',
        enum: ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'],
        description: 'Why it is canceled.',
      },
    },
    ['id'],
  ),
  outputSchema: paymentIntentSchema,
  sample: {
    ...paymentIntentSample,
    amount_received: 0,
    canceled_at: 1767272400,
    cancellation_reason: 'requested_by_customer',
    latest_charge: null,
    status: 'canceled',
  },
  call: (stripe, { id, ...params }, options) => stripe.paymentIntents.cancel(id, params, options),
});
