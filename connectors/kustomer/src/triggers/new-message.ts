/** Trigger new-message: Kustomer's `kustomer.message.create` event. */
import { defineTrigger } from '@wireup/sdk';
import {
  kustomerEventSample,
  kustomerEventSchema,
  messageAttributesSchema,
  relationshipSchema,
  resourceSchema,
} from '../schemas/event.ts';
import { sampleMessage } from './samples.ts';

const event = 'kustomer.message.create';

export const newMessage = defineTrigger({
  key: 'new-message',
  displayName: 'New message',
  description:
    'Fires when a message is added to a Kustomer conversation: one the customer sent (`data.attributes.direction` is `in`) or one your team sent (`out`), on any channel. Its conversation is `data.relationships.conversation.data.id` and its customer `data.relationships.customer.data.id`.',
  strategy: 'webhook',
  event,
  outputSchema: kustomerEventSchema(
    event,
    resourceSchema('message', messageAttributesSchema, {
      conversation: relationshipSchema('conversation', 'The conversation the message belongs to.'),
      customer: relationshipSchema('customer', 'The customer of the conversation.'),
    }),
  ),
  sample: kustomerEventSample(event, '65f1c3d10c7e5d0013b1e93d', '2026-03-13T15:06:41.205Z', sampleMessage()),
});
