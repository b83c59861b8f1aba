/** Action retrieve-balance: `balance.retrieve` (GET /v1/balance). */
import type { RetrieveBalanceInput } from '../generated/types.ts';
import { inputObject } from '../schemas/inputs.ts';
import { balanceSample, balanceSchema } from '../schemas/balance.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const retrieveBalance = defineStripeAction<RetrieveBalanceInput>({
  key: 'retrieve-balance',
  displayName: 'Get balance',
  description: 'Gets the Stripe account’s balance: funds available to pay out and funds still pending, per currency.',
  inputSchema: inputObject({}),
  outputSchema: balanceSchema,
  sample: balanceSample,
  call: (stripe) => stripe.balance.retrieve(),
});
