/**
 * Finding a Kustomer customer by what another app knows of them, and creating one: the calls
 * behind search-customers' find-or-create and create-customer. Lookups by external id use
 * `GET /v1/customers/externalId=<id>` (404: none); lookups by email use the customer search.
 */
import { UpstreamError } from '@wireup/sdk';
import type { KustomerClient } from './client.ts';
import { listOf, resourceOf } from './resources.ts';
import { toCustomer, type FlatCustomer } from './schemas/customer.ts';

/** The fields a new customer may get; empty ones are left out of the request. */
export interface NewCustomer {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
}

/** A value worth sending: a non-blank string. */
export function given(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The first non-blank address of a value that is one address, a list of candidates, null or empty. */
export function firstEmail(value: string | null | Array<string | null> | undefined): string | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.find(given)?.trim();
}

/** The customer whose externalId is `externalId`, or null when Kustomer has none (404). */
export async function customerByExternalId(client: KustomerClient, externalId: string): Promise<FlatCustomer | null> {
  try {
    return toCustomer(
      resourceOf(await client.request('GET', `/v1/customers/externalId=${encodeURIComponent(externalId)}`), 'customer'),
    );
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return null;
    throw error;
  }
}

/** One page of customers with this email (exact, not case-sensitive), and whether more pages exist. */
export async function customersByEmail(
  client: KustomerClient,
  email: string,
  page = 1,
  pageSize = 10,
): Promise<{ customers: FlatCustomer[]; hasMore: boolean }> {
  const answer = await client.request('POST', '/v1/customers/search', {
    query: { page, pageSize },
    body: { and: [{ customer_email: { equals: email } }], queryContext: 'customer' },
  });
  const list = listOf(answer, 'customer search');
  return { customers: list.data.map(toCustomer), hasMore: Boolean(list.links?.next) };
}

/** `POST /v1/customers` with the given fields; throws UpstreamError 409 when the externalId is taken. */
export async function createCustomerRecord(client: KustomerClient, fields: NewCustomer): Promise<FlatCustomer> {
  const body = {
    ...(given(fields.name) ? { name: fields.name.trim() } : {}),
    ...(given(fields.email) ? { emails: [{ email: fields.email.trim() }] } : {}),
    ...(given(fields.phone) ? { phones: [{ phone: fields.phone.trim() }] } : {}),
    ...(given(fields.externalId) ? { externalId: fields.externalId } : {}),
  };
  return toCustomer(resourceOf(await client.request('POST', '/v1/customers', { body }), 'customer'));
}

/**
 * Creates the customer; when Kustomer answers 409 because another run created the same
 * externalId meanwhile, returns that customer instead, so concurrent runs share one.
 */
export async function createOrReadBack(client: KustomerClient, fields: NewCustomer): Promise<FlatCustomer> {
  try {
    return await createCustomerRecord(client, fields);
  } catch (error) {
    if (!(error instanceof UpstreamError && error.status === 409 && given(fields.externalId))) throw error;
    const existing = await customerByExternalId(client, fields.externalId);
    if (!existing) throw error;
    return existing;
  }
}
