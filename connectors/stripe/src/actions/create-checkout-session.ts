/** Action create-checkout-session: `checkout.sessions.create` (POST /v1/checkout/sessions). */
import type { CreateCheckoutSessionInput } from '../generated/types.ts';
import { emailInput, idInput, inputObject, metadataInput, priceLinesInput, urlInput } from '../schemas/inputs.ts';
import { checkoutSessionSample, checkoutSessionSchema } from '../schemas/checkout-session.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createCheckoutSession = defineStripeAction<CreateCheckoutSessionInput>({
  key: 'create-checkout-session',
  displayName: 'Create checkout session',
  description:
    'Creates a Stripe Checkout page for one customer to pay once (`payment`), subscribe (`subscription`) or save a card (`setup`). Send the customer to `url` in the output; it expires after 24 hours. Completion fires the Checkout completed trigger.',
  inputSchema: inputObject(
    {
      mode: {
        type: 'string',
        enum: ['payment', 'subscription', 'setup'],
        description: 'One-time payment, subscription, or saving a payment method.',
      },
      line_items: priceLinesInput('What the customer buys: prices and quantities (not for `setup`).'),
      success_url: urlInput(
        'Where the customer goes after paying; `{CHECKOUT_SESSION_ID}` in it is replaced by the session id.',
      ),
      cancel_url: urlInput('Where the customer goes if they go back.'),
      customer: idInput('existing customer', 'cus'),
      customer_email: emailInput('Prefill the email of a new customer.'),
      client_reference_id: {
        type: 'string',
        maxLength: 200,
        description: 'Your own reference (e.g. your user id), returned on the session and its events.',
      },
      allow_promotion_codes: { type: 'boolean', description: 'Let the customer enter promotion codes.' },
      metadata: metadataInput,
    },
    ['mode'],
  ),
  outputSchema: checkoutSessionSchema,
  sample: checkoutSessionSample,
  call: (stripe, input, options) => stripe.checkout.sessions.create(input, options),
});
