/** Action create-customer: `POST /v1/customers`. */
import { defineAction } from '@wireup/sdk';
import { kustomerClient } from '../client.ts';
import { resourceOf } from '../resources.ts';
import { customerSample, customerSchema, toCustomer } from '../schemas/customer.ts';
import type { CreateCustomerInput, CreateCustomerOutput } from '../generated/types.ts';

export const createCustomer = defineAction<CreateCustomerInput, CreateCustomerOutput>({
  key: 'create-customer',
  displayName: 'Create customer',
  description:
    'Creates a customer in Kustomer from a name, email, phone and your own external id (all optional). Returns the new customer flattened: id, names, emails, phones, externalId. Kustomer refuses a second customer with the same externalId (409), which stops the step without retrying.',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, description: "The customer's full name, e.g. `Jenny Rosen`." },
      email: {
        type: 'string',
        pattern: '^[^\\s@]+@[^\\s@]+$',
        description: "Email address; stored as the customer's first email.",
      },
      phone: {
        type: 'string',
        minLength: 1,
        description: 'Phone number, ideally in E.164 form such as `+14155550123`.',
      },
      externalId: {
        type: 'string',
        minLength: 1,
        description:
          'Your own id for this customer (e.g. the Stripe customer id `cus_...`), unique in your Kustomer organisation; lets you find the customer again.',
      },
    },
  },
  outputSchema: customerSchema,
  sample: customerSample,
  idempotent: false,
  // Kustomer writes take no idempotency key: a retried 5xx could make a duplicate, so retry little.
  retry: { maxAttempts: 4 },
  async run(ctx) {
    const { name, email, phone, externalId } = ctx.input;
    const body = {
      ...(name === undefined ? {} : { name }),
      ...(email === undefined ? {} : { emails: [{ email }] }),
      ...(phone === undefined ? {} : { phones: [{ phone }] }),
      ...(externalId === undefined ? {} : { externalId }),
    };
    const answer = await kustomerClient(ctx).request('POST', '/v1/customers', { body });
    return toCustomer(resourceOf(answer, 'customer'));
  },
});
