/** Action create-charge: `charges.create` (POST /v1/charges). */
import type { CreateChargeInput } from '../generated/types.ts';
import {
  amountInput,
  currencyInput,
  descriptionInput,
  emailInput,
  idInput,
  inputObject,
  metadataInput,
} from '../schemas/inputs.ts';
import { chargeSample, chargeSchema } from '../schemas/charge.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createCharge = defineStripeAction<CreateChargeInput>({
  key: 'create-charge',
  displayName: 'Create charge',
  description:
    'Charges a customer’s saved card or a payment source right away (Stripe’s older Charges API; prefer Create payment intent for new flows). A decline fails the step with the decline code.',
  inputSchema: inputObject(
    {
      amount: amountInput('Amount to charge.'),
      currency: currencyInput,
      customer: idInput('customer whose default source is charged', 'cus'),
      source: {
        type: 'string',
        minLength: 1,
        description: 'Payment source to charge: a card or source id (`card_...`, `src_...`) or a token (`tok_...`).',
      },
      description: descriptionInput('Free-text description, shown in the Dashboard and on the receipt.'),
      receipt_email: emailInput('Email address to send the receipt to.'),
      capture: { type: 'boolean', description: 'False to only authorise now and capture later (default true).' },
      statement_descriptor_suffix: {
        type: 'string',
        maxLength: 22,
        description: 'Text appended to your statement descriptor on the customer’s card statement.',
      },
      metadata: metadataInput,
    },
    ['amount', 'currency'],
  ),
  outputSchema: chargeSchema,
  sample: chargeSample,
  call: (stripe, input, options) => stripe.charges.create(input, options),
});
