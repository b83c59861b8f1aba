/**
 * Building blocks of the actions' input schemas. Inputs use Stripe's own parameter names
 * (snake_case), so Stripe's API reference describes them too; every schema refuses unknown
 * properties so a typo fails before any call to Stripe.
 */
import type { JsonSchema } from '@wireup/sdk';

/** An input object: the given properties, `required` of them mandatory, nothing else. */
export function inputObject(
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  return { type: 'object', additionalProperties: false, required, properties, ...extra };
}

/** The id of an existing Stripe object. */
export function idInput(what: string, prefix: string): JsonSchema {
  return {
    type: 'string',
    minLength: 1,
    description: `ID of the ${what} (\`${prefix}_...\`).`,
    examples: [`${prefix}_1QzY8kLkdIwHu7ix`],
  };
}

export const amountInput = (description: string): JsonSchema => ({
  type: 'integer',
  minimum: 1,
  description: `${description} In the smallest currency unit: 1099 means $10.99 (for zero-decimal currencies such as JPY, 1099 means ¥1,099).`,
});
export const currencyInput: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z]{3}$',
  description: 'Three-letter ISO currency code, e.g. `usd`, `eur`.',
  examples: ['usd'],
};
export const emailInput = (description: string): JsonSchema => ({ type: 'string', maxLength: 512, description });
export const urlInput = (description: string): JsonSchema => ({ type: 'string', pattern: '^https?://', description });
export const descriptionInput = (description: string): JsonSchema => ({ type: 'string', description });
export const metadataInput: JsonSchema = {
  type: 'object',
  maxProperties: 50,
  additionalProperties: { type: ['string', 'number'] },
  description:
    'Your own key-value pairs to store on the object (up to 50 keys; values are stored as text). Set a key to an empty string to remove it.',
};
export const limitInput: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 100,
  description: 'How many results to return, 1–100 (default 10).',
};

export const addressInput: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Postal address.',
  properties: {
    line1: { type: 'string', description: 'Street address.' },
    line2: { type: 'string', description: 'Apartment, suite, unit.' },
    city: { type: 'string', description: 'City.' },
    state: { type: 'string', description: 'State, county, province or region.' },
    postal_code: { type: 'string', description: 'ZIP or postal code.' },
    country: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'Two-letter country code, e.g. `US`.' },
  },
};

/** `[{price, quantity}]`, as subscriptions, payment links and Checkout take them. */
export function priceLinesInput(description: string, quantityRequired = false): JsonSchema {
  return {
    type: 'array',
    minItems: 1,
    description: `${description} Stripe accepts up to 20 lines.`,
    items: {
      type: 'object',
      additionalProperties: false,
      required: quantityRequired ? ['price', 'quantity'] : ['price'],
      properties: {
        price: { type: 'string', minLength: 1, description: 'ID of the price (`price_...`).' },
        quantity: {
          type: 'integer',
          minimum: 1,
          description: quantityRequired ? 'Quantity.' : 'Quantity (default 1).',
        },
      },
    },
  };
}
