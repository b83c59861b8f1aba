/** Action update-customer: `customers.update` (POST /v1/customers/{id}). */
import type { UpdateCustomerInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { customerSample, customerSchema } from '../schemas/customer.ts';
import { defineStripeAction } from '../stripe-action.ts';
import { customerFields } from './create-customer.ts';

export const updateCustomer = defineStripeAction<UpdateCustomerInput>({
  key: 'update-customer',
  displayName: 'Update customer',
  description:
    'Changes a customer’s details: only the fields you give change; metadata keys are merged (an empty value removes a key).',
  inputSchema: inputObject({ id: idInput('customer', 'cus'), ...customerFields }, ['id']),
  outputSchema: customerSchema,
  sample: customerSample,
  call: (stripe, { id, ...params }, options) => stripe.customers.update(id, params, options),
});
