/** Action deactivate-payment-link: `paymentLinks.update` with `active: false` (POST /v1/payment_links/{id}). */
import type { DeactivatePaymentLinkInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { paymentLinkSample, paymentLinkSchema } from '../schemas/payment-link.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const deactivatePaymentLink = defineStripeAction<DeactivatePaymentLinkInput>({
  key: 'deactivate-payment-link',
  displayName: 'Deactivate payment link',
  description:
    'Turns a payment link off: customers who open it see that it is no longer available. Payment links cannot be deleted.',
  inputSchema: inputObject(
    {
      id: idInput('payment link', 'plink'),
      inactive_message: {
        type: 'string',
        maxLength: 500,
        description: 'Message shown to customers who open the link.',
      },
    },
    ['id'],
  ),
  outputSchema: paymentLinkSchema,
  sample: { ...paymentLinkSample, active: false },
  call: (stripe, { id, ...params }, options) => stripe.paymentLinks.update(id, { ...params, active: false }, options),
});
