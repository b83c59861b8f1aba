/**
 * The Stripe Event envelope that every webhook delivery carries: `{id, object:'event', type,
 * created, livemode, data:{object}}`. A trigger's output is the whole event, so workflows read
 * the Stripe object at `{{trigger.data.object.<field>}}`.
 */
import type { JsonSchema } from '@wireup/sdk';

/** The schema of a Stripe event of one `type` whose `data.object` matches `object`. */
export function stripeEventSchema(type: string, object: JsonSchema): JsonSchema {
  return {
    type: 'object',
    description: `A Stripe \`${type}\` event.`,
    additionalProperties: true,
    required: ['id', 'object', 'type', 'created', 'livemode', 'data'],
    properties: {
      id: { type: 'string', description: 'Unique id of the event (`evt_...`); deliveries are deduplicated by it.' },
      object: { const: 'event', description: 'Always `event`.' },
      type: { const: type, description: `Always \`${type}\`.` },
      api_version: { type: ['string', 'null'], description: 'Stripe API version the event was rendered with.' },
      created: { type: 'integer', description: 'When the event happened, in Unix seconds.' },
      livemode: { type: 'boolean', description: 'True in live mode, false in test mode.' },
      pending_webhooks: { type: 'integer', description: 'Webhook endpoints that have not yet acknowledged it.' },
      request: {
        type: ['object', 'null'],
        additionalProperties: true,
        description: 'The API request that caused the event, when there was one.',
        properties: { id: { type: ['string', 'null'] }, idempotency_key: { type: ['string', 'null'] } },
      },
      data: {
        type: 'object',
        additionalProperties: true,
        required: ['object'],
        description: 'The object the event is about.',
        properties: {
          object,
          previous_attributes: {
            type: 'object',
            additionalProperties: true,
            description: 'For update events: the changed fields’ previous values.',
          },
        },
      },
    },
  };
}

/** A sample event: a Stripe object fixture wrapped the way Stripe delivers it. */
export function stripeEventSample(
  type: string,
  object: Record<string, unknown>,
  id: string,
  created: number,
): Record<string, unknown> {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
