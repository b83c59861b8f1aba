/** Action create-conversation: `POST /v1/conversations`. */
import { defineAction, UpstreamError } from '@wireup/sdk';
import { kustomerClient } from '../client.ts';
import { resourceOf } from '../resources.ts';
import { conversationSchema, toConversation } from '../schemas/conversation.ts';
import type { CreateConversationInput, CreateConversationOutput } from '../generated/types.ts';

/** The default externalId of a conversation: the step's idempotency key, prefixed `wireup-` once. */
export function conversationExternalId(idempotencyKey: string): string {
  return idempotencyKey.startsWith('wireup-') ? idempotencyKey : `wireup-${idempotencyKey}`;
}

export const createConversation = defineAction<CreateConversationInput, CreateConversationOutput>({
  key: 'create-conversation',
  displayName: 'Create conversation',
  description:
    "Opens a conversation on a customer's Kustomer timeline, with a name, status, priority, tags and teams, so an agent sees it in their queue. Returns the new conversation flattened: id, customer, name, status, priority, tags, teams.",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['customer'],
    properties: {
      customer: {
        type: 'string',
        pattern: '^[0-9a-fA-F]{24}$',
        description:
          "Kustomer's id of the customer the conversation belongs to: 24 hexadecimal characters, e.g. `{{steps.find-customer.output.customer.id}}` from Search customers (find or create) or the id from Create customer. Another app's id (a Stripe `cus_...`) is not a Kustomer id: find the Kustomer customer by it first.",
      },
      name: {
        type: 'string',
        minLength: 1,
        description: 'Conversation name shown in the timeline and queues, e.g. `Payment failed: ch_3MmlLr`.',
      },
      status: {
        type: 'string',
        enum: ['open', 'done'],
        description: '`open` (default) puts it in a queue; `done` records it already closed.',
      },
      priority: {
        type: 'integer',
        minimum: 1,
        maximum: 5,
        description: 'Priority from 1 (lowest) to 5 (urgent); Kustomer defaults to 3.',
      },
      tags: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Ids of conversation tags to add.' },
      assignedTeams: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Ids of the teams to assign the conversation to.',
      },
      externalId: {
        type: 'string',
        minLength: 1,
        description:
          'Your own unique id for the conversation. Default: one derived from the run and step, so a retried or resumed step finds the conversation it already opened instead of opening a second one.',
      },
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
  // Kustomer takes no idempotency key; the conversation's unique externalId plays that part:
  // a repeated step gets 409 and reads back the conversation it opened the first time.
  idempotent: true,
  retry: { maxAttempts: 4 },
  async run(ctx) {
    const { customer, name, status, priority, tags, assignedTeams } = ctx.input;
    const externalId = ctx.input.externalId ?? conversationExternalId(ctx.idempotencyKey);
    const body = Object.fromEntries(
      Object.entries({ customer, name, status, priority, tags, assignedTeams, externalId }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const client = kustomerClient(ctx);
    try {
      return toConversation(resourceOf(await client.request('POST', '/v1/conversations', { body }), 'conversation'));
    } catch (error) {
      if (!(error instanceof UpstreamError && error.status === 409)) throw error;
      const existing = await client.request('GET', `/v1/conversations/externalId=${encodeURIComponent(externalId)}`);
      return toConversation(resourceOf(existing, 'conversation'));
    }
  },
});
