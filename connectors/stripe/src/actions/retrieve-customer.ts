/** Action retrieve-customer: `customers.retrieve` (GET /v1/customers/{id}). */
import type { RetrieveCustomerInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { customerSample, customerSchema } from '../schemas/customer.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const retrieveCustomer = defineStripeAction<RetrieveCustomerInput>({
  key: 'retrieve-customer',
  displayName: 'Get customer',
  description: 'Gets a customer by id. A deleted customer comes back with `deleted: true` and no other details.',
  inputSchema: inputObject({ id: idInput('customer', 'cus') }, ['id']),
  outputSchema: customerSchema,
  sample: customerSample,
  call: (stripe, { id }) => stripe.customers.retrieve(id),
});
