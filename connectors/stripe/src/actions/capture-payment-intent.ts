/** Action capture-payment-intent: `paymentIntents.capture` (POST /v1/payment_intents/{id}/capture). */
import type { CapturePaymentIntentInput } from '../generated/types.ts';
import { amountInput, idInput, inputObject } from '../schemas/inputs.ts';
import { paymentIntentSample, paymentIntentSchema } from '../schemas/payment-intent.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const capturePaymentIntent = defineStripeAction<CapturePaymentIntentInput>({
  key: 'capture-payment-intent',
  displayName: 'Capture payment intent',
  description:
    'Collects the money of an authorised payment intent (one created with `capture_method: manual`, status `requires_capture`). Capture less than authorised to release the rest.',
  inputSchema: inputObject(
    {
      id: idInput('payment intent', 'pi'),
      amount_to_capture: amountInput(
        'Amount to capture, at most the authorised amount; the full amount when left out.',
      ),
    },
    ['id'],
  ),
  outputSchema: paymentIntentSchema,
  sample: paymentIntentSample,
  call: (stripe, { id, ...params }, options) => stripe.paymentIntents.capture(id, params, options),
});
