/** The flat conversation object create-conversation returns, its schema, and how it is read. */
import type { JsonSchema } from '@wireup/sdk';
import { relatedId, stringAttr, stringsAttr, type KustomerResource } from '../resources.ts';
import type { CreateConversationOutput } from '../generated/types.ts';

/** The flat conversation: generated from conversationSchema (create-conversation's output). */
export type FlatConversation = CreateConversationOutput;

/** JSON Schema of a flat conversation. */
export const conversationSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    "The new Kustomer conversation, flattened: its id and key attributes rather than Kustomer's JSON:API envelope.",
  required: ['id', 'customer', 'name', 'status', 'priority', 'tags', 'assignedTeams', 'createdAt'],
  properties: {
    id: { type: 'string', description: "Kustomer's id of the conversation." },
    customer: { type: ['string', 'null'], description: 'Id of the customer the conversation belongs to.' },
    name: {
      type: ['string', 'null'],
      description: 'The conversation name (its subject line in the Kustomer timeline).',
    },
    status: { type: ['string', 'null'], description: '`open` or `done`.' },
    priority: { type: ['integer', 'null'], description: 'Priority from 1 (lowest) to 5 (urgent).' },
    tags: { type: 'array', items: { type: 'string' }, description: 'Tag ids or names on the conversation.' },
    assignedTeams: {
      type: 'array',
      items: { type: 'string' },
      description: 'Ids of the teams the conversation is assigned to.',
    },
    createdAt: { type: ['string', 'null'], description: 'When the conversation was created (ISO 8601).' },
  },
};

/** Reads a flat conversation from a Kustomer conversation resource. */
export function toConversation(resource: KustomerResource): FlatConversation {
  const priority = resource.attributes.priority;
  return {
    id: resource.id,
    customer: relatedId(resource, 'customer'),
    name: stringAttr(resource, 'name'),
    status: stringAttr(resource, 'status'),
    priority: Number.isInteger(priority) ? (priority as number) : null,
    tags: stringsAttr(resource, 'tags'),
    assignedTeams: stringsAttr(resource, 'assignedTeams'),
    createdAt: stringAttr(resource, 'createdAt'),
  };
}
