/** Customers: create, read (by id or `externalId=<id>`), search. Errors here use the `{errors:[...]}` shape. */
import { compileCustomerSearch } from './customer-search.ts';
import { errorFlat, errorList, page, resource, single, type FakeReply } from './json-api.ts';
import type { Route, RouteContext } from './fake-state.ts';
import { checkBody, isAny, isNonEmptyString, isObject, isString, isStringArray, objectsWith } from './validate.ts';

const customerFields = {
  name: isString,
  displayName: isString,
  externalId: isNonEmptyString,
  username: isString,
  company: isString,
  emails: objectsWith('email'),
  phones: objectsWith('phone'),
  tags: isStringArray,
  locale: isString,
  timeZone: isString,
  gender: isString,
  birthdayAt: isString,
  signedUpAt: isString,
  avatarUrl: isString,
  custom: isObject,
  urls: isAny,
  socials: isAny,
  locations: isAny,
};

/** Reads `page` and `pageSize` (1–100) from the query, or returns the 400 reply. */
export function paging(ctx: RouteContext): { page: number; pageSize: number } | FakeReply {
  const pageNumber = Number(ctx.query.get('page') ?? '1');
  const pageSize = Number(ctx.query.get('pageSize') ?? '100');
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    return errorList(400, 'invalid_query', 'Bad Request', '"page" must be an integer from 1');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    return errorList(400, 'invalid_query', 'Bad Request', '"pageSize" must be an integer from 1 to 100');
  return { page: pageNumber, pageSize };
}

function createCustomer(ctx: RouteContext): FakeReply {
  const problem = checkBody(ctx.body, customerFields);
  if (problem) return errorList(400, 'validation_error', 'Bad Request', problem.detail, problem.pointer);
  const body = ctx.body as Record<string, unknown>;
  const emails: Array<Record<string, string>> =
    (body.emails as Array<Record<string, string>> | undefined)?.map((e) => ({ type: 'home', ...e })) ?? [];
  const phones: Array<Record<string, string>> =
    (body.phones as Array<Record<string, string>> | undefined)?.map((p) => ({ type: 'mobile', ...p })) ?? [];
  if (body.externalId !== undefined && ctx.state.customers.some((c) => c.attributes.externalId === body.externalId)) {
    return errorList(
      409,
      'duplicate',
      'Conflict',
      `a customer with externalId "${String(body.externalId)}" already exists`,
      '/externalId',
    );
  }
  const now = new Date().toISOString();
  const displayName = (body.displayName ?? body.name ?? emails[0]?.email ?? phones[0]?.phone ?? '') as string;
  const customer = resource('customer', 'customers', {
    ...body,
    name: body.name ?? null,
    displayName,
    emails,
    phones,
    tags: body.tags ?? [],
    externalId: body.externalId ?? null,
    conversationCounts: { all: 0, open: 0, done: 0, snoozed: 0 },
    createdAt: now,
    updatedAt: now,
    modifiedAt: now,
  });
  ctx.state.customers.push(customer);
  return single(customer, 201);
}

/** Kustomer's ids are MongoDB ObjectIds: 24 hexadecimal characters. */
export const KUSTOMER_ID = /^[0-9a-fA-F]{24}$/;

/**
 * What Kustomer answers when a request names a customer by `id`: 400 when it is not a Kustomer
 * id (another app's id such as a Stripe `cus_...`), 404 when no such customer exists; null when it does.
 */
export function customerProblem(
  ctx: RouteContext,
  id: string,
  pointer: string,
  shape: typeof errorList,
): FakeReply | null {
  if (!KUSTOMER_ID.test(id))
    return shape(
      400,
      'invalid_id',
      'Bad Request',
      `"${id}" is not a Kustomer customer id (24 hexadecimal characters)`,
      pointer,
    );
  if (!ctx.state.customers.some((c) => c.id === id))
    return shape(404, 'not_found', 'Not Found', `customer ${id} not found`, pointer);
  return null;
}

function getCustomer(ctx: RouteContext): FakeReply {
  // `GET /v1/customers/externalId=<id>` reads a customer by your own id.
  const byExternal = /^externalId=(.+)$/.exec(ctx.params.id);
  const customer = byExternal
    ? ctx.state.customers.find((c) => c.attributes.externalId === byExternal[1])
    : ctx.state.customers.find((c) => c.id === ctx.params.id);
  return customer ? single(customer) : errorFlat(404, 'not_found', 'Not Found', `customer ${ctx.params.id} not found`);
}

function searchCustomers(ctx: RouteContext): FakeReply {
  const paged = paging(ctx);
  if ('status' in paged) return paged;
  const search = compileCustomerSearch(ctx.body);
  if (!search.ok) return errorList(400, 'invalid_search', 'Bad Request', search.detail, search.pointer);
  return page(ctx.state.customers.filter(search.matches), ctx.path, paged.page, paged.pageSize);
}

/** The customer routes. */
export const customerRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/customers', handle: createCustomer },
  { method: 'POST', pattern: '/v1/customers/search', handle: searchCustomers },
  { method: 'GET', pattern: '/v1/customers/:id', handle: getCustomer },
];
