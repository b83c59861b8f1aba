import { expect, it } from 'vitest';
import { schemaFields } from './schema-fields.ts';
import { leafPaths, suggestMapping } from './sample-paths.ts';

it('flattens nested properties and array items with their type, requiredness and description', () => {
  const rows = schemaFields({
    type: 'object',
    required: ['customer'],
    properties: {
      customer: { type: 'string', description: 'Customer id.' },
      status: { enum: ['open', 'done'] },
      emails: {
        type: 'array',
        items: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
      },
    },
  });
  expect(rows).toEqual([
    { name: 'customer', type: 'string', required: true, description: 'Customer id.' },
    { name: 'status', type: 'one of "open", "done"', required: false, description: '' },
    { name: 'emails', type: 'array of object', required: false, description: '' },
    { name: 'emails[].email', type: 'string (email)', required: true, description: '' },
  ]);
});

it('suggests mapping an action input from the payload field of the same name', () => {
  const paths = leafPaths({ id: 'evt_1', data: { object: { id: 'ch_1', customer: 'cus_1' } }, list: [1] });
  expect(paths).toEqual(['id', 'data.object.id', 'data.object.customer']);
  expect(suggestMapping(paths, ['customer', 'name'])).toEqual({
    input: 'customer',
    template: '{{trigger.data.object.customer}}',
  });
  expect(suggestMapping(paths, ['to'])).toEqual({ input: 'to', template: '{{trigger.id}}' });
  expect(suggestMapping(paths, [])).toBeUndefined();
});

it('escapes descriptions and shows their code spans as code', async () => {
  const { textWithCode } = await import('./text.ts');
  expect(textWithCode('Fires when `data.object` <b> & "x"')).toBe(
    'Fires when <code>data.object</code> &lt;b&gt; &amp; &quot;x&quot;',
  );
});
