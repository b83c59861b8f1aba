/** Trigger customer-updated: Kustomer's `kustomer.customer.update` event. */
import { defineTrigger } from '@wireup/sdk';
import {
  customerAttributesSchema,
  kustomerEventSample,
  kustomerEventSchema,
  resourceSchema,
} from '../schemas/event.ts';
import { sampleCustomer } from './samples.ts';

const event = 'kustomer.customer.update';

export const customerUpdated = defineTrigger({
  key: 'customer-updated',
  displayName: 'Customer updated',
  description:
    'Fires when a customer in Kustomer changes: a name, email, phone, tag or custom attribute is edited. `data` is the customer as it is now; `changes.attributes` says what changed, with the value before and after.',
  strategy: 'webhook',
  event,
  outputSchema: kustomerEventSchema(event, resourceSchema('customer', customerAttributesSchema), { changes: true }),
  sample: kustomerEventSample(
    event,
    '65f1c4e20c7e5d0013b1e9a7',
    '2026-03-13T15:13:38.220Z',
    sampleCustomer({ tags: ['vip'], updatedAt: '2026-03-13T15:13:38.114Z' }),
    { attributes: { tags: { op: 'replace', before: [], after: ['vip'] } } },
  ),
});
