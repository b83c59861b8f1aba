/** The flat customer object the customer actions return, its schema, and how it is read. */
import type { JsonSchema } from '@wireup/sdk';
import { stringAttr, stringsAttr, type KustomerResource } from '../resources.ts';
import type { CreateCustomerOutput } from '../generated/types.ts';

/** The flat customer: generated from customerSchema (create-customer's output). */
export type FlatCustomer = CreateCustomerOutput;

const nullableString = (description: string) => ({ type: ['string', 'null'], description });

/** JSON Schema of a flat customer. */
export const customerSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: "A Kustomer customer, flattened: its id and key attributes rather than Kustomer's JSON:API envelope.",
  required: ['id', 'name', 'displayName', 'email', 'emails', 'phones', 'externalId', 'tags', 'createdAt'],
  properties: {
    id: { type: 'string', description: "Kustomer's id of the customer (24 hexadecimal characters)." },
    name: nullableString('Full name, or null when none was given.'),
    displayName: nullableString('The name Kustomer shows: the name, else the first email or phone.'),
    email: nullableString('The first email address, or null.'),
    emails: { type: 'array', items: { type: 'string' }, description: 'All email addresses.' },
    phones: { type: 'array', items: { type: 'string' }, description: 'All phone numbers.' },
    externalId: nullableString('Your own id for the customer (e.g. a Stripe customer id), or null.'),
    tags: { type: 'array', items: { type: 'string' }, description: 'Tags on the customer.' },
    createdAt: nullableString('When the customer was created (ISO 8601).'),
  },
};

function values(resource: KustomerResource, list: string, key: string): string[] {
  const items = resource.attributes[list];
  return Array.isArray(items)
    ? items.map((i) => (i as Record<string, unknown>)?.[key]).filter((v): v is string => typeof v === 'string')
    : [];
}

/** Reads a flat customer from a Kustomer customer resource. */
export function toCustomer(resource: KustomerResource): FlatCustomer {
  const emails = values(resource, 'emails', 'email');
  return {
    id: resource.id,
    name: stringAttr(resource, 'name'),
    displayName: stringAttr(resource, 'displayName'),
    email: emails[0] ?? null,
    emails,
    phones: values(resource, 'phones', 'phone'),
    externalId: stringAttr(resource, 'externalId'),
    tags: stringsAttr(resource, 'tags'),
    createdAt: stringAttr(resource, 'createdAt'),
  };
}

/** A realistic customer, for samples. */
export const customerSample: FlatCustomer = {
  id: '65f1c2a9e4b0a1d2c3f40a17',
  name: 'Jenny Rosen',
  displayName: 'Jenny Rosen',
  email: 'jenny.rosen@example.com',
  emails: ['jenny.rosen@example.com'],
  phones: ['+14155550123'],
  externalId: 'cus_NffrFeUfNV2Hib',
  tags: [],
  createdAt: '2026-03-13T15:04:09.512Z',
};
