/** Action create-conversation: `POST /v1/conversations`. */
import { defineAction } from '@wireup/sdk';
import { kustomerClient } from '../client.ts';
import { resourceOf } from '../resources.ts';
import { conversationSchema, toConversation } from '../schemas/conversation.ts';
import type { CreateConversationInput, CreateConversationOutput } from '../generated/types.ts';

export const createConversation = defineAction<CreateConversationInput, CreateConversationOutput>({
  key: 'create-conversation',
  displayName: 'Create conversation',
  description: "Opens a conversation on a customer's Kustomer timeline, with a name, status, priority, tags and teams, so an agent sees it in their queue. Returns the new conversation flattened: id, customer, name, status, priority, tags, teams.",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['customer'],
    properties: {
      customer: { type: 'string', minLength: 1, description: 'Id of the Kustomer customer the conversation belongs to (e.g. from Create customer or Search customers).' },
      name: { type: 'string', minLength: 1, description: 'Conversation name shown in the timeline and queues, e.g. `Payment failed: ch_3MmlLr`.' },
      status: { type: 'string', enum: ['open', 'done'], description: '`open` (default) puts it in a queue; `done` records it already closed.' },
      priority: { type: 'integer', minimum: 1, maximum: 5, description: 'Priority from 1 (lowest) to 5 (urgent); Kustomer defaults to 3.' },
      tags: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Ids of conversation tags to add.' },
      assignedTeams: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Ids of the teams to assign the conversation to.' },
    },
  },
  outputSchema: conversationSchema,
  sample: {
    id: '65f1c3d0e4b0a1d2c3f40b52',
    customer: '65f1c2a9e4b0a1d2c3f40a17',
    name: 'Payment failed: ch_3MmlLrLkdIwHu7ix0snN0B15',
    status: 'open',
    priority: 3,
    tags: ['payment-failed'],
    assignedTeams: ['65e0a1b2c3d4e5f60718293a'],
    createdAt: '2026-03-13T15:09:12.088Z',
  },
  idempotent: false,
  // Kustomer writes take no idempotency key: a retried 5xx could open a duplicate, so retry little.
  retry: { maxAttempts: 4 },
  async run(ctx) {
    const { customer, name, status, priority, tags, assignedTeams } = ctx.input;
    const body = Object.fromEntries(Object.entries({ customer, name, status, priority, tags, assignedTeams }).filter(([, v]) => v !== undefined));
    const answer = await kustomerClient(ctx).request('POST', '/v1/conversations', { body });
    return toConversation(resourceOf(answer, 'conversation'));
  },
});
