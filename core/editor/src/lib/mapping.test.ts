import { describe, expect, it } from 'vitest';
import { insertTemplate, mappingProblem, sampleTree, typeOfPath, type MappingSources } from './mapping.ts';
import { fieldsOf } from './schema-fields.ts';

const sources: MappingSources = {
  trigger: {
    label: 'Trigger',
    sample: {
      data: {
        object: {
          id: 'ch_1',
          amount: 4200,
          fee: 1.5,
          refunded: false,
          customer: 'cus_1',
          metadata: {},
          lines: [{ sku: 'x' }],
        },
      },
    },
  },
  'steps.find.output': {
    label: 'Find',
    sample: null,
    schema: { type: 'object', properties: { id: { type: 'string' }, count: { type: 'integer' } } },
  },
};

describe('mapping', () => {
  it('lists the sample as a tree whose entries carry the template that reads them', () => {
    const tree = sampleTree(sources.trigger.sample, 'trigger');
    const object = tree[0].children![0];
    expect(object.template).toBe('{{trigger.data.object}}');
    const customer = object.children!.find((n) => n.key === 'customer')!;
    expect(customer).toMatchObject({
      template: '{{trigger.data.object.customer}}',
      type: 'string',
      preview: '"cus_1"',
    });
    expect(object.children!.find((n) => n.key === 'lines')!.children![0].children![0].template).toBe(
      '{{trigger.data.object.lines.0.sku}}',
    );
  });

  it('finds the type of a path from the output schema, else from the sample', () => {
    expect(typeOfPath('trigger.data.object.amount', sources)).toBe('integer');
    expect(typeOfPath('trigger.data.object.fee', sources)).toBe('number');
    expect(typeOfPath('steps.find.output.count', sources)).toBe('integer');
    expect(typeOfPath('trigger.data.object.nope', sources)).toBeUndefined();
  });

  it('checks a mapped field against the input type', () => {
    const [count, label, ratio] = fieldsOf({
      type: 'object',
      properties: { count: { type: 'integer' }, label: { type: 'string' }, ratio: { type: 'number' } },
    });
    expect(mappingProblem(count, '{{trigger.data.object.amount}}', sources)).toBeNull();
    expect(mappingProblem(ratio, '{{trigger.data.object.amount}}', sources)).toBeNull();
    expect(mappingProblem(count, '{{trigger.data.object.fee}}', sources)).toBe(
      '{{trigger.data.object.fee}} is a number, but Count needs an integer',
    );
    expect(mappingProblem(label, '{{ trigger.data.object.refunded }}', sources)).toBe(
      '{{trigger.data.object.refunded}} is a boolean, but Label needs a string',
    );
    expect(mappingProblem(label, 'Charge {{trigger.data.object.amount}}', sources)).toBeNull();
    expect(mappingProblem(count, 'n={{steps.find.output.count}}', sources)).toBe(
      'text with a template is a string, but Count needs an integer',
    );
    expect(mappingProblem(label, '{{steps.other.output.id}}', sources)).toBe(
      '{{steps.other.output.id}} does not read the trigger or an earlier step',
    );
    expect(mappingProblem(label, '{{trigger.data.object.missing}}', sources)).toMatch(/not in the sample output/);
    expect(mappingProblem(label, 'plain text', sources)).toBeNull();
  });

  it('inserts a template at the caret, replacing the selection', () => {
    expect(insertTemplate('Payment failed: ', '{{trigger.id}}')).toEqual({
      text: 'Payment failed: {{trigger.id}}',
      caret: 30,
    });
    expect(insertTemplate('a XX b', '{{t.x}}', 2, 4)).toEqual({ text: 'a {{t.x}} b', caret: 9 });
  });
});
