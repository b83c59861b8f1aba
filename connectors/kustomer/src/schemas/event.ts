/**
 * The Kustomer Event that outbound webhooks deliver, as triggers output it: the envelope
 * `{id, type, org, createdAt, data, changes?}` where `data` is the created or updated resource
 * in Kustomer's JSON:API shape (`{type, id, attributes, relationships, links}`) and, for
 * updates, `changes` says which attributes changed. Workflows read it as
 * `{{trigger.data.id}}`, `{{trigger.data.attributes.name}}`,
 * `{{trigger.data.relationships.customer.data.id}}`.
 *
 * Schemas describe the fields workflows map from and allow the others: Kustomer adds
 * attributes over time, and organisations have custom ones.
 */
import type { JsonSchema } from '@wireup/sdk';

/** The org id used in samples (24 hex, like Kustomer's ids). */
export const SAMPLE_ORG = '5b8d6f1c2e4a3b0012a4c9d1';

const str = (description: string): JsonSchema => ({ type: 'string', description });
const nullableStr = (description: string): JsonSchema => ({ type: ['string', 'null'], description });

/** A JSON:API relationship `{data:{type,id}}` to a resource of `type`. */
export function relationshipSchema(type: string, description: string): JsonSchema {
  return {
    type: 'object',
    description,
    required: ['data'],
    properties: {
      data: {
        type: ['object', 'null'],
        required: ['type', 'id'],
        properties: { type: { const: type, description: 'The related resource type.' }, id: str(`The ${type}'s id.`) },
      },
      links: {
        type: 'object',
        description: 'Links to the related resource.',
        properties: { self: str('API path of the related resource.') },
      },
    },
  };
}

/** Schema of the resource in `data`: its type, id, attributes and relationships. */
export function resourceSchema(
  type: string,
  attributes: JsonSchema,
  relationships: Record<string, JsonSchema> = {},
): JsonSchema {
  return {
    type: 'object',
    description: `The ${type} as Kustomer stores it now, in Kustomer's JSON:API shape.`,
    required: ['type', 'id', 'attributes'],
    properties: {
      type: { const: type, description: 'The resource type.' },
      id: str(`Kustomer's id of the ${type} (24 hexadecimal characters).`),
      attributes,
      relationships: {
        type: 'object',
        description: 'Links to related resources, each `{data:{type, id}}`.',
        properties: relationships,
      },
      links: {
        type: 'object',
        description: 'API path of the resource.',
        properties: { self: str('e.g. /v1/customers/<id>') },
      },
    },
  };
}

/** `changes` of an update event: per attribute, what it was and what it is now. */
export const changesSchema: JsonSchema = {
  type: 'object',
  description:
    'For updates: what changed, as `attributes.<name>: {op, before, after}`. Kustomer sends it with update events; it may be absent.',
  properties: {
    attributes: {
      type: 'object',
      description: 'The changed attributes, by name.',
      additionalProperties: {
        type: 'object',
        properties: {
          op: str('`replace`, `add` or `remove`.'),
          before: { description: 'The value before the change.' },
          after: { description: 'The value after the change.' },
        },
      },
    },
  },
};

/** Schema of the whole delivery of event `eventType` carrying `resource`. */
export function kustomerEventSchema(
  eventType: string,
  resource: JsonSchema,
  options: { changes?: boolean } = {},
): JsonSchema {
  return {
    type: 'object',
    description: `A Kustomer \`${eventType}\` event, as its outbound webhook delivers it.`,
    required: ['id', 'type', 'org', 'createdAt', 'data'],
    properties: {
      id: str("The event's id; Wireup deduplicates deliveries by it (Kustomer delivers at least once)."),
      type: { const: eventType, description: 'The event type.' },
      org: str("Your Kustomer organisation's id."),
      createdAt: str('When the event happened (ISO 8601).'),
      data: resource,
      ...(options.changes ? { changes: changesSchema } : {}),
    },
  };
}

/** The attributes of a customer that workflows most often read. */
export const customerAttributesSchema: JsonSchema = {
  type: 'object',
  description: "The customer's attributes (Kustomer sends more; custom attributes are under `custom`).",
  properties: {
    name: nullableStr('Full name, or null.'),
    displayName: nullableStr('The name Kustomer shows: the name, else the first email or phone.'),
    externalId: nullableStr('Your own id for the customer (e.g. a Stripe customer id), or null.'),
    emails: {
      type: 'array',
      description: 'Email addresses.',
      items: { type: 'object', properties: { type: str('home, work, other'), email: str('The address.') } },
    },
    phones: {
      type: 'array',
      description: 'Phone numbers.',
      items: { type: 'object', properties: { type: str('mobile, home, work, other'), phone: str('The number.') } },
    },
    tags: { type: 'array', items: { type: 'string' }, description: 'Tags on the customer.' },
    custom: { type: 'object', description: 'Custom attributes your organisation defined.' },
    createdAt: str('When the customer was created (ISO 8601).'),
    updatedAt: str('When the customer last changed (ISO 8601).'),
  },
};

/** The attributes of a conversation that workflows most often read. */
export const conversationAttributesSchema: JsonSchema = {
  type: 'object',
  description: "The conversation's attributes (Kustomer sends more).",
  properties: {
    name: nullableStr('The conversation name (its subject line in the timeline).'),
    status: str('`open`, `snoozed` or `done`.'),
    priority: { type: 'integer', description: 'Priority from 1 (lowest) to 5 (urgent).' },
    direction: str('`in` when the customer started it, `out` when your team did.'),
    channels: {
      type: 'array',
      items: { type: 'string' },
      description: 'Channels used so far, e.g. email, chat or sms.',
    },
    tags: { type: 'array', items: { type: 'string' }, description: 'Tag ids on the conversation.' },
    assignedTeams: { type: 'array', items: { type: 'string' }, description: 'Ids of the teams assigned.' },
    assignedUsers: { type: 'array', items: { type: 'string' }, description: 'Ids of the users assigned.' },
    messageCount: { type: 'integer', description: 'Messages in the conversation.' },
    preview: nullableStr('Text of the latest message, shortened.'),
    createdAt: str('When the conversation was created (ISO 8601).'),
    updatedAt: str('When it last changed (ISO 8601).'),
  },
};

/** The attributes of a message that workflows most often read. */
export const messageAttributesSchema: JsonSchema = {
  type: 'object',
  description: "The message's attributes (Kustomer sends more).",
  properties: {
    channel: str('The channel, e.g. email, chat, sms or voice.'),
    app: str('The app that carried it, e.g. `postmark` for email, `chat` for chat.'),
    direction: str('`in` from the customer, `out` from your team.'),
    status: str('`received`, `sent` or `error`.'),
    subject: nullableStr('Subject line (email), or null.'),
    preview: nullableStr('The message text, shortened.'),
    sentAt: str('When it was sent (ISO 8601).'),
    createdAt: str('When Kustomer recorded it (ISO 8601).'),
  },
};

/** `{data:{type,id}, links:{self}}` for samples. */
export function sampleRelation(type: string, collection: string, id: string) {
  return { data: { type, id }, links: { self: `/v1/${collection}/${id}` } };
}

/** A sample delivery of `eventType` around `data`. */
export function kustomerEventSample(
  eventType: string,
  id: string,
  createdAt: string,
  data: Record<string, unknown>,
  changes?: Record<string, unknown>,
) {
  return { id, type: eventType, org: SAMPLE_ORG, createdAt, data, ...(changes ? { changes } : {}) };
}
