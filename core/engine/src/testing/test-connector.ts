/**
 * Test helpers (not exported by the package): a tiny connector whose webhook checks an HMAC
 * header and whose actions do what the test says: succeed, rate-limit, fail with a 500…
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  defineAction,
  defineConnector,
  defineTrigger,
  PayloadInvalidError,
  SignatureInvalidError,
  type ActionContext,
  type Connector,
  type ProviderEvent,
} from '@wireup/sdk';

export const SIGNATURE_HEADER = 'x-test-signature';

/** Signs a body the way the test connector's webhook expects. */
export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** What the test controls: the behaviour of each action call, and the calls made. */
export interface TestConnectorControl {
  /** Called for every action call; its result or throw is the action's. Defaults to echoing the input. */
  behaviour: (action: string, ctx: ActionContext) => Promise<unknown>;
  calls: Array<{ action: string; input: unknown; idempotencyKey: string; auth: Record<string, string> }>;
}

const sample = { id: 'x' };

/** The `acme` connector: triggers `order-paid` (event `order.paid`) and `order-failed` (`order.failed`), actions `create-ticket`, `notify` and `send-once` (not idempotent). */
export function createTestConnector(): { connector: Connector; control: TestConnectorControl } {
  const control: TestConnectorControl = {
    behaviour: async (_action, ctx) => ({ id: `t-${control.calls.length}`, echo: ctx.input }),
    calls: [],
  };
  const action = (
    key: string,
    inputSchema: Record<string, unknown>,
    retry?: { maxAttempts?: number },
    idempotent = true,
  ) =>
    defineAction({
      key,
      displayName: key,
      description: `Test action ${key}.`,
      idempotent,
      inputSchema,
      outputSchema: { type: 'object' },
      sample,
      ...(retry ? { retry } : {}),
      run: async (ctx) => {
        control.calls.push({ action: key, input: ctx.input, idempotencyKey: ctx.idempotencyKey, auth: ctx.auth });
        return control.behaviour(key, ctx);
      },
    });
  const connector = defineConnector({
    name: 'acme',
    version: '1.0.0',
    displayName: 'Acme',
    description: 'A connector for tests.',
    categories: ['testing'],
    sdk: '^0.1.0',
    auth: {
      kind: 'api-key',
      fields: [
        { key: 'apiKey', label: 'API key', secret: true, required: true },
        { key: 'webhookSecret', label: 'Signing secret', secret: true, required: true },
        { key: 'baseUrl', label: 'Base URL', secret: false, required: false },
      ],
    },
    triggers: [
      defineTrigger({
        key: 'order-paid',
        displayName: 'Order paid',
        description: 'When an order is paid.',
        strategy: 'webhook',
        event: 'order.paid',
        outputSchema: { type: 'object' },
        sample,
      }),
      defineTrigger({
        key: 'order-failed',
        displayName: 'Order failed',
        description: 'When an order fails.',
        strategy: 'webhook',
        event: 'order.failed',
        outputSchema: { type: 'object' },
        sample,
      }),
      defineTrigger({
        key: 'order-polled',
        displayName: 'Order polled',
        description: 'Polls orders.',
        strategy: 'polling',
        pollIntervalSeconds: 60,
        outputSchema: { type: 'object' },
        sample,
      }),
    ],
    actions: [
      action('create-ticket', {
        type: 'object',
        additionalProperties: false,
        required: ['customer', 'title'],
        properties: {
          customer: { type: 'string' },
          title: { type: 'string' },
          amount: { type: 'number' },
          meta: { type: 'object' },
        },
      }),
      action('notify', { type: 'object', properties: { text: { type: 'string' } } }, { maxAttempts: 2 }),
      // Not safe to repeat (like a Kustomer message): never retried after an ambiguous failure.
      action('send-once', { type: 'object', properties: { text: { type: 'string' } } }, undefined, false),
    ],
    webhook: {
      verify(request, auth): ProviderEvent[] {
        const given = request.headers[SIGNATURE_HEADER];
        const expected = sign(request.rawBody.toString('utf8'), auth.webhookSecret);
        if (
          typeof given !== 'string' ||
          given.length !== expected.length ||
          !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
        ) {
          throw new SignatureInvalidError(`The ${SIGNATURE_HEADER} header does not match the body.`);
        }
        let body: { id?: unknown; type?: unknown; events?: unknown[] };
        try {
          body = JSON.parse(request.rawBody.toString('utf8'));
        } catch {
          throw new PayloadInvalidError('The body is not JSON.');
        }
        const list = Array.isArray(body.events)
          ? (body.events as Array<{ id: string; type: string }>)
          : [body as { id: string; type: string }];
        return list.map((e) => ({ id: String(e.id), type: String(e.type), payload: e }));
      },
    },
  });
  return { connector, control };
}
