import { describe, expect, it } from 'vitest';
import { findTemplates, parsePath, renderTemplate, type TemplateContext } from './template.ts';

const context: TemplateContext = {
  trigger: {
    id: 'evt_1',
    data: {
      object: {
        customer: 'cus_9',
        amount: 1250,
        paid: false,
        metadata: { plan: 'pro' },
        lines: [{ id: 'li_1' }, { id: 'li_2' }],
      },
    },
  },
  steps: { find: { output: { id: 'c-77', tags: ['vip'] } } },
};

describe('renderTemplate', () => {
  it('renders templates inside text', () => {
    expect(renderTemplate('Payment failed: {{trigger.data.object.customer}} ({{ trigger.id }})', context)).toBe(
      'Payment failed: cus_9 (evt_1)',
    );
  });

  it('keeps the type of a value that is exactly one template', () => {
    expect(renderTemplate('{{trigger.data.object.amount}}', context)).toBe(1250);
    expect(renderTemplate('{{trigger.data.object.paid}}', context)).toBe(false);
    expect(renderTemplate('{{trigger.data.object.metadata}}', context)).toEqual({ plan: 'pro' });
    expect(renderTemplate('{{steps.find.output.tags}}', context)).toEqual(['vip']);
  });

  it('writes numbers and objects as text inside a longer string', () => {
    expect(renderTemplate('amount={{trigger.data.object.amount}} meta={{trigger.data.object.metadata}}', context)).toBe(
      'amount=1250 meta={"plan":"pro"}',
    );
  });

  it('renders a missing path as empty text inside a string and as undefined alone', () => {
    expect(renderTemplate('x{{trigger.data.object.nope}}y', context)).toBe('xy');
    expect(renderTemplate('{{trigger.data.object.nope}}', context)).toBeUndefined();
    expect(renderTemplate('{{steps.absent.output.id}}', context)).toBeUndefined();
  });

  it('walks objects and arrays, leaving keys and non-strings alone', () => {
    const input = {
      customer: '{{trigger.data.object.customer}}',
      '{{k}}': 1,
      list: ['{{steps.find.output.id}}', 3, null],
      nested: { n: '{{trigger.data.object.amount}}' },
    };
    expect(renderTemplate(input, context)).toEqual({
      customer: 'cus_9',
      '{{k}}': 1,
      list: ['c-77', 3, null],
      nested: { n: 1250 },
    });
  });

  it('indexes arrays with dots or brackets', () => {
    expect(renderTemplate('{{trigger.data.object.lines.1.id}}', context)).toBe('li_2');
    expect(renderTemplate('{{trigger.data.object.lines[0].id}}', context)).toBe('li_1');
  });

  it('evaluates no code and reads no inherited properties', () => {
    expect(renderTemplate('{{trigger.constructor}}', context)).toBeUndefined();
    expect(renderTemplate('{{trigger.id.length}}', context)).toBeUndefined();
    expect(renderTemplate('{{ process.exit(1) }}', context)).toBe('{{ process.exit(1) }}');
  });
});

describe('parsePath', () => {
  it('rejects malformed paths', () => {
    expect(parsePath('a..b')).toBeNull();
    expect(parsePath('a.')).toBeNull();
    expect(parsePath('a b')).toBeNull();
    expect(parsePath('steps.find-customer.output.id')).toEqual(['steps', 'find-customer', 'output', 'id']);
  });
});

describe('findTemplates', () => {
  it('lists templates with the pointer of the string holding them', () => {
    const found = findTemplates({ a: ['x {{trigger.id}} {{steps.s.output}}'], 'b/c': '{{x..y}}' }, '/input');
    expect(found.map((t) => [t.pointer, t.raw, t.path])).toEqual([
      ['/input/a/0', 'trigger.id', ['trigger', 'id']],
      ['/input/a/0', 'steps.s.output', ['steps', 's', 'output']],
      ['/input/b~1c', 'x..y', null],
    ]);
  });

  it('a missing value in an array renders as null (JSON has no undefined), in an object as an absent key', () => {
    const context = { trigger: { data: { object: { receipt_email: 'a@b.co' } } }, steps: {} };
    expect(
      renderTemplate(
        {
          email: ['{{trigger.data.object.billing_details.email}}', '{{trigger.data.object.receipt_email}}'],
          x: '{{trigger.nope}}',
        },
        context,
      ),
    ).toEqual({ email: [null, 'a@b.co'], x: undefined });
  });
});
