/** Trigger new-customer: Kustomer's `kustomer.customer.create` event. */
import { defineTrigger } from '@wireup/sdk';
import {
  customerAttributesSchema,
  kustomerEventSample,
  kustomerEventSchema,
  resourceSchema,
} from '../schemas/event.ts';
import { sampleCustomer } from './samples.ts';

const event = 'kustomer.customer.create';

export const newCustomer = defineTrigger({
  key: 'new-customer',
  displayName: 'New customer',
  description:
    'Fires when a customer is created in Kustomer: by an agent, by an inbound email, chat or SMS from someone new, by an import, or through the API. `data` is the customer; read its name at `data.attributes.name` and its emails at `data.attributes.emails`.',
  strategy: 'webhook',
  event,
  outputSchema: kustomerEventSchema(event, resourceSchema('customer', customerAttributesSchema)),
  sample: kustomerEventSample(event, '65f1c2aa0c7e5d0013b1e8f1', '2026-03-13T15:04:09.601Z', sampleCustomer()),
});
