/** Action create-payment-link: `paymentLinks.create` (POST /v1/payment_links). */
import type { CreatePaymentLinkInput } from '../generated/types.ts';
import { inputObject, metadataInput, priceLinesInput, urlInput } from '../schemas/inputs.ts';
import { paymentLinkSample, paymentLinkSchema } from '../schemas/payment-link.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createPaymentLink = defineStripeAction<CreatePaymentLinkInput>({
  key: 'create-payment-link',
  displayName: 'Create payment link',
  description:
    'Creates a shareable link to a Stripe-hosted payment page for one or more prices; anyone with the link can pay, as often as they like, until it is deactivated. The link is `url` in the output.',
  inputSchema: inputObject(
    {
      line_items: priceLinesInput('What the link sells: prices and quantities.', true),
      allow_promotion_codes: { type: 'boolean', description: 'Let customers enter promotion codes.' },
      redirect_url: urlInput('Send the customer here after paying, instead of Stripe’s confirmation page.'),
      customer_creation: {
        type: 'string',
        enum: ['always', 'if_required'],
        description: 'Create a Stripe customer for every payment, or only when needed.',
      },
      metadata: metadataInput,
    },
    ['line_items'],
  ),
  outputSchema: paymentLinkSchema,
  sample: paymentLinkSample,
  call: (stripe, { redirect_url, ...params }, options) =>
    stripe.paymentLinks.create(
      {
        ...params,
        ...(redirect_url ? { after_completion: { type: 'redirect', redirect: { url: redirect_url } } } : {}),
      },
      options,
    ),
});
