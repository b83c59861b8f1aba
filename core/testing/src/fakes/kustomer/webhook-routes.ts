/**
 * Outbound webhooks (`POST/GET/DELETE /v1/outbound-webhooks`) and the token check route
 * (`GET /v1/auth/tokens/current`). A created webhook carries the `token` that signs its
 * deliveries (see FakeKustomer.sendEvent).
 */
import { randomBytes } from 'node:crypto';
import { paging } from './customer-routes.ts';
import { errorFlat, errorList, page, resource, single, type FakeReply } from './json-api.ts';
import type { Route, RouteContext } from './fake-state.ts';
import { checkBody, isBoolean, isNonEmptyString, isString } from './validate.ts';

const eventPattern = /^kustomer\.[a-z-]+\.[a-z-]+$/;

const webhookFields = {
  name: isString,
  url: (v: unknown) => (typeof v === 'string' && /^https?:\/\/\S+$/.test(v) ? null : 'must be an http(s) URL'),
  events: (v: unknown) =>
    Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'string' && eventPattern.test(e))
      ? null
      : 'must be a non-empty array of events such as "kustomer.conversation.create"',
  enabled: isBoolean,
  description: isString,
  header: isNonEmptyString,
};

function createWebhook(ctx: RouteContext): FakeReply {
  const problem = checkBody(ctx.body, webhookFields, ['url', 'events']);
  if (problem) return errorList(400, 'validation_error', 'Bad Request', problem.detail, problem.pointer);
  const now = new Date().toISOString();
  const hook = resource('outbound-webhook', 'outbound-webhooks', {
    name: null,
    enabled: true,
    ...(ctx.body as object),
    token: randomBytes(24).toString('hex'),
    createdAt: now,
    updatedAt: now,
  });
  ctx.state.outboundWebhooks.push(hook);
  return single(hook, 201);
}

function listWebhooks(ctx: RouteContext): FakeReply {
  const paged = paging(ctx);
  if ('status' in paged) return paged;
  return page(ctx.state.outboundWebhooks, ctx.path, paged.page, paged.pageSize);
}

function getWebhook(ctx: RouteContext): FakeReply {
  const hook = ctx.state.outboundWebhooks.find((h) => h.id === ctx.params.id);
  return hook ? single(hook) : errorFlat(404, 'not_found', 'Not Found', `outbound webhook ${ctx.params.id} not found`);
}

function deleteWebhook(ctx: RouteContext): FakeReply {
  const index = ctx.state.outboundWebhooks.findIndex((h) => h.id === ctx.params.id);
  if (index < 0) return errorFlat(404, 'not_found', 'Not Found', `outbound webhook ${ctx.params.id} not found`);
  ctx.state.outboundWebhooks.splice(index, 1);
  return { status: 204 };
}

/** The token behind the request's API key: enough for a connection test. */
function currentToken(): FakeReply {
  return single({
    type: 'token',
    id: 'fake0000000000000000key1',
    attributes: {
      name: 'Wireup test key',
      userType: 'machine',
      orgName: 'fake-org',
      roles: [
        'org.user',
        'org.permission.customer.create',
        'org.permission.conversation.create',
        'org.permission.message.create',
      ],
      expiresAt: null,
    },
    relationships: {
      org: { data: { type: 'org', id: 'fake00000000000000000org' } },
      user: { data: { type: 'user', id: 'fake0000000000000000user' } },
    },
  });
}

/** The outbound-webhook and token routes. */
export const webhookRoutes: Route[] = [
  { method: 'GET', pattern: '/v1/auth/tokens/current', handle: currentToken },
  { method: 'POST', pattern: '/v1/outbound-webhooks', handle: createWebhook },
  { method: 'GET', pattern: '/v1/outbound-webhooks', handle: listWebhooks },
  { method: 'GET', pattern: '/v1/outbound-webhooks/:id', handle: getWebhook },
  { method: 'DELETE', pattern: '/v1/outbound-webhooks/:id', handle: deleteWebhook },
];
