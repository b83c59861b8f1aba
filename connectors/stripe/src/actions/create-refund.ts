/** Action create-refund: `refunds.create` (POST /v1/refunds). */
import type { CreateRefundInput } from '../generated/types.ts';
import { amountInput, idInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { refundSample, refundSchema } from '../schemas/refund.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createRefund = defineStripeAction<CreateRefundInput>({
  key: 'create-refund',
  displayName: 'Create refund',
  description:
    'Refunds a charge or payment intent, fully or in part. Give `charge` or `payment_intent`; leave out `amount` to refund everything not yet refunded.',
  inputSchema: inputObject(
    {
      charge: idInput('charge to refund', 'ch'),
      payment_intent: idInput('payment intent to refund', 'pi'),
      amount: amountInput('Amount to refund; the whole remaining amount when left out.'),
      reason: {
        type: 'string',
        enum: ['duplicate', 'fraudulent', 'requested_by_customer'],
        description: 'Why you refund; `fraudulent` also helps Stripe’s fraud detection.',
      },
      metadata: metadataInput,
    },
    [],
    { anyOf: [{ required: ['charge'] }, { required: ['payment_intent'] }] },
  ),
  outputSchema: refundSchema,
  sample: refundSample,
  call: (stripe, input, options) => stripe.refunds.create(input, options),
});
