/** Action create-customer: `customers.create` (POST /v1/customers). */
import type { CreateCustomerInput } from '../generated/types.ts';
import { addressInput, descriptionInput, emailInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { customerSample, customerSchema } from '../schemas/customer.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const customerFields = {
  email: emailInput("The customer's email address; Stripe sends receipts and invoices there."),
  name: { type: 'string', maxLength: 256, description: "The customer's full name or business name." },
  phone: { type: 'string', maxLength: 20, description: "The customer's phone number." },
  description: descriptionInput('Free-text note about the customer, shown in the Dashboard.'),
  address: addressInput,
  metadata: metadataInput,
};

export const createCustomer = defineStripeAction<CreateCustomerInput>({
  key: 'create-customer',
  displayName: 'Create customer',
  description:
    'Creates a customer in Stripe, to charge, invoice or subscribe later. No field is required; Stripe does not deduplicate by email (use Find customer first to avoid duplicates).',
  inputSchema: inputObject({
    ...customerFields,
    payment_method: { type: 'string', description: 'ID of a payment method (`pm_...`) to attach to the new customer.' },
  }),
  outputSchema: customerSchema,
  sample: customerSample,
  call: (stripe, input, options) => stripe.customers.create(input, options),
});
