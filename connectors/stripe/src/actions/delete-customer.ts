/** Action delete-customer: `customers.del` (DELETE /v1/customers/{id}). */
import type { DeleteCustomerInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { deletedCustomerSchema } from '../schemas/customer.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const deleteCustomer = defineStripeAction<DeleteCustomerInput>({
  key: 'delete-customer',
  displayName: 'Delete customer',
  description:
    'Permanently deletes a customer and cancels their active subscriptions right away. Cannot be undone; past payments stay in Stripe.',
  inputSchema: inputObject({ id: idInput('customer', 'cus') }, ['id']),
  outputSchema: deletedCustomerSchema,
  sample: { id: 'cus_RtN4g6ZWJmxqSb', object: 'customer', deleted: true },
  call: (stripe, { id }, options) => stripe.customers.del(id, {}, options),
});
