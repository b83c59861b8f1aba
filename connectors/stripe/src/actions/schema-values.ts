/**
 * Test helper: a plausible value for a JSON Schema property, following its enum, type and
 * pattern. Used to send every property an action declares to stripe-mock, so a schema never
 * offers a parameter Stripe would refuse.
 */
import type { JsonSchema } from '@wireup/sdk';

const timestampFields = /(_at|_end|redeem_by)$/;

/** A value valid for `schema` (a property named `name`). */
export function valueFor(schema: JsonSchema, name: string): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const pattern = String(schema.pattern ?? '');
      if (pattern === '^https?://') return 'https://example.com/path';
      if (pattern.includes('{3}')) return 'eur';
      if (pattern.includes('{2}')) return 'US';
      return name.includes('email') ? 'someone@example.com' : 'Value123';
    }
    case 'integer':
      return timestampFields.test(name) ? 1900000000 : Math.max(1, Number(schema.minimum ?? 1));
    case 'number':
      return 10;
    case 'boolean':
      return true;
    case 'array':
      return [valueFor(schema.items as JsonSchema, name)];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (!Object.keys(properties).length) return { source: 'wireup' };
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valueFor(v, k)]));
    }
    default:
      return 'Value123';
  }
}

/** A value of the wrong type for `schema`, that no Stripe parameter schema here accepts. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  const types = ([] as unknown[]).concat(schema.type ?? 'string');
  if (types.includes('object')) return 'not-an-object';
  if (types.includes('array')) return { not: 'an array' };
  if (types.includes('string')) return { not: 'a string' };
  return 'not-a-number-or-boolean';
}
