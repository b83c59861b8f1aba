/** Action retrieve-charge: `charges.retrieve` (GET /v1/charges/{id}). */
import type { RetrieveChargeInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { chargeSample, chargeSchema } from '../schemas/charge.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const retrieveCharge = defineStripeAction<RetrieveChargeInput>({
  key: 'retrieve-charge',
  displayName: 'Get charge',
  description: 'Gets a charge by id: its amount, status, refunds, failure reason and billing details.',
  inputSchema: inputObject({ id: idInput('charge', 'ch') }, ['id']),
  outputSchema: chargeSchema,
  sample: chargeSample,
  call: (stripe, { id }) => stripe.charges.retrieve(id),
});
