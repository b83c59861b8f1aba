/** Trigger conversation-updated: Kustomer's `kustomer.conversation.update` event. */
import { defineTrigger } from '@wireup/sdk';
import {
  conversationAttributesSchema,
  kustomerEventSample,
  kustomerEventSchema,
  relationshipSchema,
  resourceSchema,
} from '../schemas/event.ts';
import { sampleConversation } from './samples.ts';

const event = 'kustomer.conversation.update';

export const conversationUpdated = defineTrigger({
  key: 'conversation-updated',
  displayName: 'Conversation updated',
  description:
    'Fires when a conversation in Kustomer changes: its status (open, snoozed, done), priority, tags or assignment, or a new message updates it. `data` is the conversation as it is now; `changes.attributes` says what changed, e.g. `changes.attributes.status.after` is `done` when it was closed.',
  strategy: 'webhook',
  event,
  outputSchema: kustomerEventSchema(
    event,
    resourceSchema('conversation', conversationAttributesSchema, {
      customer: relationshipSchema('customer', 'The customer the conversation belongs to.'),
    }),
    { changes: true },
  ),
  sample: kustomerEventSample(
    event,
    '65f1c7b80c7e5d0013b1ea52',
    '2026-03-13T15:25:44.930Z',
    sampleConversation({ status: 'done', updatedAt: '2026-03-13T15:25:44.812Z' }),
    { attributes: { status: { op: 'replace', before: 'open', after: 'done' } } },
  ),
});
