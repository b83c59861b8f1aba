import { describe, expect, it } from 'vitest';
import { defineConnector, type Connector } from '@wireup/sdk';
import { schemaHasPath, templateWarnings } from './template-warnings.ts';

const customer = {
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string' }, email: { type: ['string', 'null'] } },
};
const shop = defineConnector({
  name: 'shop',
  version: '1.0.0',
  displayName: 'Shop',
  description: 'A shop.',
  categories: ['x'],
  sdk: '^0.1.0',
  auth: { kind: 'none', fields: [] },
  triggers: [
    {
      key: 'order-paid',
      displayName: 'Order paid',
      description: 'When an order is paid.',
      strategy: 'webhook',
      event: 'order.paid',
      sample: { data: { name: 'A', metadata: {}, lines: [{ sku: 'x' }] } },
      outputSchema: {
        type: 'object',
        additionalProperties: true,
        properties: {
          data: {
            type: 'object',
            additionalProperties: true,
            properties: {
              name: { type: 'string' },
              metadata: { type: 'object' },
              lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
            },
          },
        },
      },
    },
  ],
  actions: [
    {
      key: 'find',
      displayName: 'Find',
      description: 'Finds.',
      idempotent: true,
      inputSchema: { type: 'object' },
      sample: { customer: null },
      outputSchema: { type: 'object', properties: { customer: { anyOf: [customer, { type: 'null' }] } } },
      run: async () => ({}),
    },
  ],
});
const catalog = {
  get: (name: string): Connector | undefined => (name === 'shop' ? shop : undefined),
  list: () => [shop],
};
const workflow = (input: Record<string, unknown>) =>
  ({
    trigger: { connector: 'shop', trigger: 'order-paid', connection: 'c' },
    steps: [
      { id: 'find', type: 'action', connector: 'shop', action: 'find', connection: 'c', input: {} },
      { id: 'use', type: 'action', connector: 'shop', action: 'find', connection: 'c', input },
    ],
  }) as never;

describe('templateWarnings', () => {
  it('says nothing of paths the schemas declare, of free-form objects, or of array items', () => {
    expect(
      templateWarnings(
        workflow({
          a: '{{trigger.data.name}}',
          b: '{{trigger.data.metadata.order_ref}}',
          c: '{{trigger.data.lines.0.sku}}',
          d: '{{steps.find.output.customer.id}} {{steps.find.output}}',
        }),
        catalog,
      ),
    ).toEqual([]);
  });

  it('lists a misspelt trigger path and a misspelt step output path, pointing at the string', () => {
    expect(
      templateWarnings(
        workflow({ a: 'Hi {{trigger.data.nmae}}', b: { c: '{{steps.find.output.customer.idd}}' } }),
        catalog,
      ),
    ).toEqual([
      {
        path: '/steps/1/input/a',
        message: 'template "{{trigger.data.nmae}}" reads data.nmae, which shop.order-paid events do not have',
        fix: expect.stringMatching(/spelling/),
      },
      {
        path: '/steps/1/input/b/c',
        message:
          'template "{{steps.find.output.customer.idd}}" reads customer.idd, which the output of step "find" does not have',
        fix: expect.stringMatching(/spelling/),
      },
    ]);
  });

  it('schemaHasPath: scalars have no fields, open objects take any key', () => {
    expect(schemaHasPath({ type: 'string' }, ['x'])).toBe(false);
    expect(schemaHasPath({ type: 'object' }, ['x', 'y'])).toBe(true);
    expect(
      schemaHasPath({ type: 'object', additionalProperties: { type: 'object', properties: { a: {} } } }, ['any', 'b']),
    ).toBe(false);
  });
});
