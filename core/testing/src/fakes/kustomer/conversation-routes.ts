/**
 * Conversations, their messages, and customer drafts. Conversations answer errors in the
 * `{errors:[...]}` shape; messages and drafts in the flat `{status,code,title,detail,source}`
 * shape. Like Kustomer, a conversation's or draft's customer must be a Kustomer id (24 hex
 * characters: 400 otherwise) of a customer that exists (404 otherwise); a message's
 * conversation must exist.
 */
import { errorFlat, errorList, relation, resource, single, type FakeReply } from './json-api.ts';
import type { Route, RouteContext } from './fake-state.ts';
import { customerProblem } from './customer-routes.ts';
import {
  checkBody,
  intBetween,
  isAny,
  isBoolean,
  isNonEmptyString,
  isObject,
  isString,
  isStringArray,
  oneOf,
} from './validate.ts';

const conversationFields = {
  customer: isNonEmptyString,
  name: isString,
  status: oneOf('open', 'done'),
  priority: intBetween(1, 5),
  tags: isStringArray,
  assignedTeams: isStringArray,
  assignedUsers: isStringArray,
  direction: oneOf('in', 'out'),
  externalId: isString,
  custom: isObject,
  queue: isAny,
};

const messageFields = {
  channel: isNonEmptyString,
  app: isNonEmptyString,
  direction: oneOf('in', 'out'),
  preview: isString,
  subject: isString,
  size: intBetween(0, Number.MAX_SAFE_INTEGER),
  meta: isObject,
  status: oneOf('sent', 'received', 'error'),
  sentAt: isString,
  auto: isBoolean,
  externalId: isString,
  lang: isString,
  customer: isString,
};

const draftFields = {
  channel: isNonEmptyString,
  app: isString,
  to: isAny,
  from: isAny,
  cc: isAny,
  bcc: isAny,
  replyTo: isString,
  subject: isString,
  body: isString,
  htmlBody: isString,
  conversation: isNonEmptyString,
  sendAt: isString,
  scheduled: isBoolean,
  auto: isBoolean,
  lang: isString,
  source: isString,
};

function createConversation(ctx: RouteContext): FakeReply {
  const problem = checkBody(ctx.body, conversationFields, ['customer']);
  if (problem) return errorList(400, 'validation_error', 'Bad Request', problem.detail, problem.pointer);
  const { customer, ...body } = ctx.body as Record<string, unknown>;
  const unknown = customerProblem(ctx, customer as string, '/customer', errorList);
  if (unknown) return unknown;
  if (
    body.externalId !== undefined &&
    ctx.state.conversations.some((c) => c.attributes.externalId === body.externalId)
  ) {
    return errorList(
      409,
      'duplicate',
      'Conflict',
      `a conversation with externalId "${String(body.externalId)}" already exists`,
      '/externalId',
    );
  }
  const now = new Date().toISOString();
  const conversation = resource(
    'conversation',
    'conversations',
    {
      name: null,
      status: 'open',
      priority: 3,
      tags: [],
      assignedTeams: [],
      assignedUsers: [],
      direction: 'in',
      ...body,
      messageCount: 0,
      channels: [],
      preview: null,
      createdAt: now,
      updatedAt: now,
      modifiedAt: now,
    },
    { customer: relation('customer', 'customers', customer as string) },
  );
  ctx.state.conversations.push(conversation);
  return single(conversation, 201);
}

function getConversation(ctx: RouteContext): FakeReply {
  // `GET /v1/conversations/externalId=<id>` reads a conversation by its external id, like customers.
  const byExternal = /^externalId=(.+)$/.exec(ctx.params.id);
  const conversation = byExternal
    ? ctx.state.conversations.find((c) => c.attributes.externalId === byExternal[1])
    : ctx.state.conversations.find((c) => c.id === ctx.params.id);
  return conversation
    ? single(conversation)
    : errorFlat(404, 'not_found', 'Not Found', `conversation ${ctx.params.id} not found`);
}

function createMessage(ctx: RouteContext): FakeReply {
  const conversation = ctx.state.conversations.find((c) => c.id === ctx.params.id);
  if (!conversation) return errorFlat(404, 'not_found', 'Not Found', `conversation ${ctx.params.id} not found`);
  const problem = checkBody(ctx.body, messageFields, ['channel', 'app']);
  if (problem) return errorFlat(400, 'validation_error', 'Bad Request', problem.detail, problem.pointer);
  const body = ctx.body as Record<string, unknown>;
  const now = new Date().toISOString();
  const customerId = conversation.relationships.customer.data!.id;
  const message = resource(
    'message',
    'messages',
    {
      direction: 'in',
      status: body.direction === 'out' ? 'sent' : 'received',
      ...body,
      createdAt: now,
      updatedAt: now,
      sentAt: body.sentAt ?? now,
    },
    {
      conversation: relation('conversation', 'conversations', conversation.id),
      customer: relation('customer', 'customers', customerId),
    },
  );
  delete message.attributes.customer;
  ctx.state.messages.push(message);
  const channels = conversation.attributes.channels as string[];
  if (!channels.includes(body.channel as string)) channels.push(body.channel as string);
  Object.assign(conversation.attributes, {
    messageCount: (conversation.attributes.messageCount as number) + 1,
    preview: body.preview ?? conversation.attributes.preview,
    updatedAt: now,
  });
  return single(message, 201);
}

function createDraft(ctx: RouteContext): FakeReply {
  const unknown = customerProblem(ctx, ctx.params.id, '', errorFlat);
  if (unknown) return unknown;
  const problem = checkBody(ctx.body, draftFields, ['channel', 'body']);
  if (problem) return errorFlat(400, 'validation_error', 'Bad Request', problem.detail, problem.pointer);
  const { conversation, ...body } = ctx.body as Record<string, unknown>;
  if (conversation !== undefined && !ctx.state.conversations.some((c) => c.id === conversation)) {
    return errorFlat(404, 'not_found', 'Not Found', `conversation ${String(conversation)} not found`, '/conversation');
  }
  const now = new Date().toISOString();
  const scheduled = body.scheduled === true && typeof body.sendAt === 'string' && Date.parse(body.sendAt) > Date.now();
  const draft = resource(
    'draft',
    'drafts',
    {
      ...body,
      status: scheduled ? 'scheduled' : 'sending',
      sendAt: scheduled ? body.sendAt : now,
      createdAt: now,
      updatedAt: now,
    },
    {
      customer: relation('customer', 'customers', ctx.params.id),
      ...(conversation === undefined
        ? {}
        : { conversation: relation('conversation', 'conversations', conversation as string) }),
    },
  );
  ctx.state.drafts.push(draft);
  return single(draft, 201);
}

/** The conversation, message and draft routes. */
export const conversationRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/conversations', handle: createConversation },
  { method: 'GET', pattern: '/v1/conversations/:id', handle: getConversation },
  { method: 'POST', pattern: '/v1/conversations/:id/messages', handle: createMessage },
  { method: 'POST', pattern: '/v1/customers/:id/drafts', handle: createDraft },
];
