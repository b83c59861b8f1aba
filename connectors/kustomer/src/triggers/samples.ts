/**
 * The resources the trigger samples carry: one customer, one conversation of hers and one
 * message in it, shaped like Kustomer's JSON:API resources (and like the fake's).
 */
import { sampleRelation } from '../schemas/event.ts';

export const CUSTOMER_ID = '65f1c2a9e4b0a1d2c3f40a17';
export const CONVERSATION_ID = '65f1c3d0e4b0a1d2c3f40b2c';
export const MESSAGE_ID = '65f1c3d1f7a2b9c0d1e20c44';

/** A customer as Kustomer stores it. */
export function sampleCustomer(overrides: Record<string, unknown> = {}) {
  return {
    type: 'customer',
    id: CUSTOMER_ID,
    attributes: {
      name: 'Jenny Rosen',
      displayName: 'Jenny Rosen',
      externalId: 'cus_NffrFeUfNV2Hib',
      emails: [{ type: 'home', email: 'jenny.rosen@example.com' }],
      phones: [{ type: 'mobile', phone: '+14155550123' }],
      tags: [],
      custom: {},
      conversationCounts: { all: 0, open: 0, done: 0, snoozed: 0 },
      createdAt: '2026-03-13T15:04:09.512Z',
      updatedAt: '2026-03-13T15:04:09.512Z',
      ...overrides,
    },
    relationships: {},
    links: { self: `/v1/customers/${CUSTOMER_ID}` },
  };
}

/** A conversation of the sample customer. */
export function sampleConversation(overrides: Record<string, unknown> = {}) {
  return {
    type: 'conversation',
    id: CONVERSATION_ID,
    attributes: {
      name: 'Where is my order #1042?',
      status: 'open',
      priority: 3,
      direction: 'in',
      channels: ['email'],
      tags: [],
      assignedTeams: [],
      assignedUsers: [],
      messageCount: 1,
      preview: 'Hi, my order #1042 has not arrived yet. Can you check?',
      createdAt: '2026-03-13T15:06:41.087Z',
      updatedAt: '2026-03-13T15:06:41.087Z',
      ...overrides,
    },
    relationships: { customer: sampleRelation('customer', 'customers', CUSTOMER_ID) },
    links: { self: `/v1/conversations/${CONVERSATION_ID}` },
  };
}

/** The customer's first message in the sample conversation. */
export function sampleMessage() {
  return {
    type: 'message',
    id: MESSAGE_ID,
    attributes: {
      channel: 'email',
      app: 'postmark',
      direction: 'in',
      status: 'received',
      subject: 'Where is my order #1042?',
      preview: 'Hi, my order #1042 has not arrived yet. Can you check?',
      sentAt: '2026-03-13T15:06:40.512Z',
      createdAt: '2026-03-13T15:06:41.087Z',
      updatedAt: '2026-03-13T15:06:41.087Z',
    },
    relationships: {
      conversation: sampleRelation('conversation', 'conversations', CONVERSATION_ID),
      customer: sampleRelation('customer', 'customers', CUSTOMER_ID),
    },
    links: { self: `/v1/messages/${MESSAGE_ID}` },
  };
}
