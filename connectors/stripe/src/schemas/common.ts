/**
 * Building blocks of the JSON Schemas that describe Stripe objects. Stripe adds fields over
 * time, so object schemas describe the fields workflows map from and allow the rest
 * (`additionalProperties: true`); they never try to be exhaustive.
 */
import type { JsonSchema } from '@wireup/sdk';

/** A field that Stripe sets to `null` when it has no value. */
export function nullable(type: string | string[], description: string): JsonSchema {
  return { type: [...(Array.isArray(type) ? type : [type]), 'null'], description };
}

/** The id of another Stripe object (not expanded), or null. */
export function idOf(what: string, prefix: string): JsonSchema {
  return nullable('string', `ID of the ${what} (\`${prefix}_...\`), or null when there is none.`);
}

export const amount = (description = 'Amount in the smallest currency unit, e.g. 1099 for $10.99.'): JsonSchema => ({
  type: 'integer',
  description,
});
export const currency: JsonSchema = {
  type: 'string',
  description: 'Three-letter ISO currency code in lowercase, e.g. `usd`.',
};
export const created: JsonSchema = { type: 'integer', description: 'When the object was created, in Unix seconds.' };
export const livemode: JsonSchema = { type: 'boolean', description: 'True in live mode, false in test mode.' };
export const metadata: JsonSchema = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'Your own key-value pairs attached to the object.',
};

/** A Stripe API object: `id` and `object` always present, described fields typed, any other field allowed. */
export function stripeObject(
  objectName: string,
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[] = [],
): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: true,
    required: ['id', 'object', ...required],
    properties: {
      id: { type: 'string', description: `Unique identifier of the ${objectName.replace(/[._]/g, ' ')}.` },
      object: { const: objectName, description: `Always \`${objectName}\`.` },
      ...properties,
    },
  };
}

/** A Stripe list (`{object:'list', data, has_more, url}`) of the given object. */
export function listOf(item: JsonSchema, description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: true,
    required: ['object', 'data'],
    properties: {
      object: { const: 'list' },
      data: { type: 'array', items: item },
      has_more: { type: 'boolean', description: 'True when more items exist beyond this page.' },
      url: { type: 'string' },
    },
  };
}
