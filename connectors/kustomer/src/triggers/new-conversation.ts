/** Trigger new-conversation: Kustomer's `kustomer.conversation.create` event. */
import { defineTrigger } from '@wireup/sdk';
import {
  conversationAttributesSchema,
  kustomerEventSample,
  kustomerEventSchema,
  relationshipSchema,
  resourceSchema,
} from '../schemas/event.ts';
import { sampleConversation } from './samples.ts';

const event = 'kustomer.conversation.create';

export const newConversation = defineTrigger({
  key: 'new-conversation',
  displayName: 'New conversation',
  description:
    "Fires when a conversation is created in Kustomer: a customer writes in on any channel, or an agent or workflow starts one. `data` is the conversation; its customer's id is `data.relationships.customer.data.id`.",
  strategy: 'webhook',
  event,
  outputSchema: kustomerEventSchema(
    event,
    resourceSchema('conversation', conversationAttributesSchema, {
      customer: relationshipSchema('customer', 'The customer the conversation belongs to.'),
    }),
  ),
  sample: kustomerEventSample(event, '65f1c3d10c7e5d0013b1e93c', '2026-03-13T15:06:41.190Z', sampleConversation()),
});
