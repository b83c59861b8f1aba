import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SchemaForm from './SchemaForm.vue';
import type { JsonSchema } from '../api/types.ts';
import type { MappingSources } from '../lib/mapping.ts';

/** Kustomer's create-conversation input, trimmed to the kinds of field it has. */
const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customer'],
  properties: {
    name: { type: 'string', description: 'Conversation name shown in the timeline.' },
    customer: { type: 'string', minLength: 1, description: 'Id of the Kustomer customer.' },
    status: { type: 'string', enum: ['open', 'done'], description: '`open` puts it in a queue.' },
    priority: { type: 'integer', minimum: 1, maximum: 5, description: 'From 1 to 5.' },
    tags: { type: 'array', items: { type: 'string' }, description: 'Tag ids.' },
  },
};

const sources: MappingSources = {
  trigger: {
    label: 'Trigger',
    sample: {
      data: { object: { id: 'ch_1', customer: 'cus_1', amount: 4200, paid: false, billing_details: { name: null } } },
    },
    schema: {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: { object: { type: 'object', properties: { customer: { type: ['string', 'null'] } } } },
        },
      },
    },
  },
};

function mountForm(input: Record<string, unknown> = {}) {
  return mount(SchemaForm, { props: { schema, input, sources, idPrefix: 'f' }, attachTo: document.body });
}

describe('SchemaForm', () => {
  it('generates one labelled field per property, required ones first, enums as selects and descriptions as help', () => {
    const form = mountForm();
    const labels = form.findAll('label').map((l) => l.text());
    expect(labels[0]).toMatch(/^Customer \*\(required\)/);
    expect(labels.slice(1).map((l) => l.split(' ')[0])).toEqual(['Name', 'Status', 'Priority', 'Tags']);
    const status = form.find('select#f-status');
    expect(status.findAll('option').map((o) => o.text())).toEqual(['(not set)', 'open', 'done']);
    expect(form.find('#f-customer').attributes('required')).toBeDefined();
    expect(form.find('#f-name').attributes('required')).toBeUndefined();
    expect(form.find('#f-customer-help').text()).toBe('Id of the Kustomer customer.');
    expect(form.find('#f-customer').attributes('aria-describedby')).toBe('f-customer-help');
    expect(form.find('textarea#f-tags').exists()).toBe(true);
    form.unmount();
  });

  it('stores typed values in the schema type, and refuses what does not fit', async () => {
    const form = mountForm();
    await form.find('#f-priority').setValue('4');
    expect(form.emitted('update')!.at(-1)).toEqual([{ priority: 4 }, 'input:priority']);
    await form.find('#f-priority').setValue('9');
    expect(form.find('[role="alert"]').text()).toBe('Priority must be at most 5');
    await form.find('#f-priority').setValue('2.5');
    expect(form.find('[role="alert"]').text()).toBe('Priority must be a whole number');
    expect(form.emitted('update')!.length).toBe(1);
    await form.find('#f-tags').setValue('vip\npayment-failed\n');
    expect(form.emitted('update')!.at(-1)![0]).toEqual({ tags: ['vip', 'payment-failed'] });
    await form.find('select#f-status').setValue('done');
    expect(form.emitted('update')!.at(-1)![0]).toEqual({ status: 'done' });
    form.unmount();
  });

  it('inserts a dropped field as a template at the caret and shows it as a pill', async () => {
    const form = mountForm();
    const name = form.find('#f-name');
    await name.setValue('Payment failed: ');
    const input = name.element as HTMLInputElement;
    input.setSelectionRange(16, 16);
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', {
      value: {
        getData: (type: string) =>
          type === 'text/plain' || type === 'application/x-wireup-template' ? '{{trigger.data.object.id}}' : '',
      },
    });
    input.dispatchEvent(drop);
    await form.vm.$nextTick();
    expect(form.emitted('update')!.at(-1)).toEqual([
      { name: 'Payment failed: {{trigger.data.object.id}}' },
      'input:name',
    ]);
    await form.setProps({ input: { name: 'Payment failed: {{trigger.data.object.id}}' } });
    expect(form.findAll('.pill').map((p) => p.text())).toEqual(['trigger.data.object.id']);
    form.unmount();
  });

  it('flags a mapped field whose type does not fit the input before publish', async () => {
    const form = mountForm({
      customer: '{{trigger.data.object.amount}}',
      priority: '{{trigger.data.object.amount}}',
      name: '{{trigger.data.object.paid}}',
    });
    const warnings = form.findAll('.type-mismatch').map((w) => w.text());
    expect(warnings).toContain('⚠ {{trigger.data.object.amount}} is an integer, but Customer needs a string');
    expect(warnings).toContain('⚠ {{trigger.data.object.paid}} is a boolean, but Name needs a string');
    expect(warnings.some((w) => w.includes('Priority'))).toBe(false);
    await form.setProps({
      input: { customer: '{{trigger.data.object.customer}}', priority: 'p{{trigger.data.object.amount}}' },
    });
    const after = form.findAll('.type-mismatch').map((w) => w.text());
    expect(after).toEqual(['⚠ text with a template is a string, but Priority needs an integer']);
    form.unmount();
  });
});
