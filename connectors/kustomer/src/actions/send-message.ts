/**
 * Action send-message. Kustomer offers two things under "send a message", and this action
 * does one or the other:
 * - default (`deliver` false): records a message on a conversation, `POST
 *   /v1/conversations/{id}/messages`. Nothing is sent to the customer; the message appears on
 *   the timeline (e.g. a note of what happened elsewhere).
 * - `deliver: true`: creates a draft for the customer, `POST /v1/customers/{id}/drafts`, which
 *   Kustomer sends through the channel's app (email, SMS…) right away.
 */
import { defineAction, InvalidInputError } from '@wireup/sdk';
import { kustomerClient, type KustomerClient } from '../client.ts';
import { relatedId, resourceOf, stringAttr, type KustomerResource } from '../resources.ts';
import type { SendMessageInput, SendMessageOutput } from '../generated/types.ts';

function toMessage(resource: KustomerResource, kind: 'message' | 'draft'): SendMessageOutput {
  const direction = resource.attributes.direction;
  return {
    id: resource.id,
    kind,
    conversation: relatedId(resource, 'conversation'),
    customer: relatedId(resource, 'customer'),
    channel: stringAttr(resource, 'channel'),
    app: stringAttr(resource, 'app'),
    direction: direction === 'in' || direction === 'out' ? direction : kind === 'draft' ? 'out' : null,
    status: stringAttr(resource, 'status'),
    subject: stringAttr(resource, 'subject'),
    createdAt: stringAttr(resource, 'createdAt'),
  };
}

async function record(client: KustomerClient, input: SendMessageInput): Promise<SendMessageOutput> {
  const { channel, app, direction = 'out', body, subject } = input;
  if (!input.conversation || !app)
    throw new InvalidInputError(
      'Recording a message needs `conversation` and `app` (or set `deliver: true` to send a draft to `customer`).',
    );
  const payload = { channel, app, direction, preview: body, ...(subject === undefined ? {} : { subject }) };
  const answer = await client.request('POST', `/v1/conversations/${encodeURIComponent(input.conversation!)}/messages`, {
    body: payload,
  });
  return toMessage(resourceOf(answer, 'message'), 'message');
}

async function deliver(client: KustomerClient, input: SendMessageInput): Promise<SendMessageOutput> {
  const { channel, app, body, subject, to, conversation } = input;
  if (!input.customer) throw new InvalidInputError('Delivering a message (`deliver: true`) needs `customer`.');
  const recipient = to === undefined ? {} : { to: channel === 'email' ? [{ email: to }] : to };
  const payload = {
    channel,
    body,
    ...recipient,
    ...(app === undefined ? {} : { app }),
    ...(subject === undefined ? {} : { subject }),
    ...(conversation === undefined ? {} : { conversation }),
  };
  const answer = await client.request('POST', `/v1/customers/${encodeURIComponent(input.customer!)}/drafts`, {
    body: payload,
  });
  return toMessage(resourceOf(answer, 'draft'), 'draft');
}

const nullableString = (description: string) => ({ type: ['string', 'null'], description });

export const sendMessage = defineAction<SendMessageInput, SendMessageOutput>({
  key: 'send-message',
  displayName: 'Send message',
  description:
    'By default, records a message on a Kustomer conversation (POST /v1/conversations/{id}/messages): it shows on the timeline but is NOT sent to the customer. With `deliver: true`, creates a draft for the customer (POST /v1/customers/{id}/drafts) that Kustomer sends through the channel right away. Returns the message or draft flattened, with `kind` saying which.',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['channel', 'body'],
    properties: {
      deliver: {
        type: 'boolean',
        default: false,
        description:
          'false (default): record the message on `conversation` only. true: deliver it to `customer` as a Kustomer draft sent through `channel`.',
      },
      conversation: {
        type: 'string',
        pattern: '^[0-9a-fA-F]{24}$',
        description:
          "Kustomer's id of the conversation (24 hexadecimal characters), e.g. from Create conversation. Required when recording; when delivering, the conversation to reply in (optional).",
      },
      customer: {
        type: 'string',
        pattern: '^[0-9a-fA-F]{24}$',
        description:
          "Kustomer's id of the customer to deliver to (24 hexadecimal characters), e.g. `{{steps.find-customer.output.customer.id}}` from Search customers. Required when `deliver` is true; ignored when recording (the conversation knows its customer).",
      },
      channel: {
        type: 'string',
        minLength: 1,
        description: 'Kustomer channel, e.g. `email`, `sms`, `chat`, `whatsapp`, `note`.',
      },
      app: {
        type: 'string',
        minLength: 1,
        description:
          'The app behind the channel, e.g. `postmark` or `gmail` for email, `twilio` for SMS. Required when recording.',
      },
      body: {
        type: 'string',
        minLength: 1,
        description: 'The message text (recorded as the message preview; sent as the draft body).',
      },
      subject: { type: 'string', description: 'Subject line, for email.' },
      direction: {
        type: 'string',
        enum: ['in', 'out'],
        default: 'out',
        description:
          'When recording: `out` (default) for a message to the customer, `in` for one from them. Drafts are always outbound.',
      },
      to: {
        type: 'string',
        minLength: 1,
        description:
          "When delivering: the recipient's email address (email channel) or phone number (SMS); Kustomer uses the customer's default when omitted.",
      },
    },
    if: { properties: { deliver: { const: true } }, required: ['deliver'] },
    then: { required: ['customer'] },
    else: { required: ['conversation', 'app'] },
  },
  outputSchema: {
    type: 'object',
    additionalProperties: false,
    description: "The recorded message or the draft, flattened: not Kustomer's JSON:API envelope.",
    required: [
      'id',
      'kind',
      'conversation',
      'customer',
      'channel',
      'app',
      'direction',
      'status',
      'subject',
      'createdAt',
    ],
    properties: {
      id: { type: 'string', description: "Kustomer's id of the message or draft." },
      kind: {
        type: 'string',
        enum: ['message', 'draft'],
        description: '`message` when recorded on the conversation, `draft` when handed to Kustomer for delivery.',
      },
      conversation: nullableString('Id of the conversation, when known.'),
      customer: nullableString('Id of the customer.'),
      channel: nullableString('The channel, e.g. `email`.'),
      app: nullableString('The app behind the channel, e.g. `postmark`.'),
      direction: { type: ['string', 'null'], enum: ['in', 'out', null], description: '`in` or `out`.' },
      status: nullableString(
        "Kustomer's status: `sent`/`received` for recorded messages; for drafts e.g. `sending` or `scheduled`.",
      ),
      subject: nullableString('Subject line, when given.'),
      createdAt: nullableString('When Kustomer created it (ISO 8601).'),
    },
  },
  sample: {
    id: '65f1c4e2e4b0a1d2c3f40c88',
    kind: 'message',
    conversation: '65f1c3d0e4b0a1d2c3f40b52',
    customer: '65f1c2a9e4b0a1d2c3f40a17',
    channel: 'email',
    app: 'postmark',
    direction: 'out',
    status: 'sent',
    subject: 'About your payment',
    createdAt: '2026-03-13T15:12:40.301Z',
  },
  idempotent: false,
  // Each call adds a message or sends one: a retried 5xx could duplicate it, so retry little.
  retry: { maxAttempts: 3 },
  async run(ctx) {
    const client = kustomerClient(ctx);
    return ctx.input.deliver ? deliver(client, ctx.input) : record(client, ctx.input);
  },
});
