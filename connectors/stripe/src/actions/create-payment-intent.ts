/** Action create-payment-intent: `paymentIntents.create` (POST /v1/payment_intents). */
import type { CreatePaymentIntentInput } from '../generated/types.ts';
import {
  amountInput,
  currencyInput,
  descriptionInput,
  emailInput,
  idInput,
  inputObject,
  metadataInput,
  urlInput,
} from '../schemas/inputs.ts';
import { paymentIntentSample, paymentIntentSchema } from '../schemas/payment-intent.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createPaymentIntent = defineStripeAction<CreatePaymentIntentInput>({
  key: 'create-payment-intent',
  displayName: 'Create payment intent',
  description:
    'Starts collecting a payment of an amount. With `confirm: true` and a saved `payment_method` it charges right away (e.g. off-session renewals); otherwise pass its `client_secret` to your checkout page to finish.',
  inputSchema: inputObject(
    {
      amount: amountInput('Amount to collect.'),
      currency: currencyInput,
      customer: idInput('customer paying', 'cus'),
      payment_method: idInput('payment method to charge', 'pm'),
      payment_method_types: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Payment method types to allow, e.g. `["card"]`. Leave out to use the methods enabled in your Dashboard.',
      },
      confirm: { type: 'boolean', description: 'Confirm (try to charge) immediately.' },
      off_session: { type: 'boolean', description: 'With `confirm`: the customer is not present (e.g. a renewal).' },
      capture_method: {
        type: 'string',
        enum: ['automatic', 'automatic_async', 'manual'],
        description: '`manual` only authorises; capture later with Capture payment intent.',
      },
      setup_future_usage: {
        type: 'string',
        enum: ['on_session', 'off_session'],
        description: 'Save the payment method for later payments.',
      },
      return_url: urlInput('Where to send the customer back after a redirect-based payment method (with `confirm`).'),
      description: descriptionInput('Free-text description, shown in the Dashboard.'),
      receipt_email: emailInput('Email address to send the receipt to.'),
      statement_descriptor_suffix: {
        type: 'string',
        maxLength: 22,
        description: 'Text appended to your statement descriptor on the customer’s card statement.',
      },
      metadata: metadataInput,
    },
    ['amount', 'currency'],
  ),
  outputSchema: paymentIntentSchema,
  sample: paymentIntentSample,
  call: (stripe, input, options) => stripe.paymentIntents.create(input, options),
});
