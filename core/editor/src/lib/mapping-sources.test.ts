import { describe, expect, it } from 'vitest';
import type { ConnectorManifest, WorkflowDocument } from '../api/types.ts';
import { mappingProblemsByNode, mappingSources } from './mapping-sources.ts';

const manifests: Record<string, ConnectorManifest> = {
  shop: {
    name: 'shop',
    version: '1.0.0',
    displayName: 'Shop',
    description: '',
    auth: { kind: 'none', fields: [] },
    triggers: [
      {
        key: 'order-paid',
        displayName: 'Order paid',
        description: '',
        strategy: 'webhook',
        outputSchema: { type: 'object' },
        sample: { order: { id: 'o_1', total: 12.5, buyer: 'b_1' } },
      },
    ],
    actions: [
      {
        key: 'find-buyer',
        displayName: 'Find buyer',
        description: '',
        inputSchema: { type: 'object', properties: { ref: { type: 'string' } } },
        outputSchema: { type: 'object', properties: { id: { type: 'string' }, visits: { type: 'integer' } } },
      },
      {
        key: 'note',
        displayName: 'Note',
        description: '',
        inputSchema: {
          type: 'object',
          properties: { buyer: { type: 'string', pattern: '^B-' }, count: { type: 'integer' } },
        },
        outputSchema: { type: 'object' },
      },
    ],
  },
};
const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'shop', trigger: 'order-paid', connection: 'c' },
  steps: [
    {
      id: 'find',
      type: 'action',
      connector: 'shop',
      action: 'find-buyer',
      connection: 'c',
      input: { ref: '{{trigger.order.buyer}}' },
    },
    {
      id: 'note',
      type: 'action',
      connector: 'shop',
      action: 'note',
      connection: 'c',
      input: { buyer: '{{trigger.order.buyer}}', count: '{{steps.find.output.visits}}' },
    },
  ],
};

describe('mapping sources', () => {
  it('offers the trigger sample and the outputs of earlier steps (a stand-in from the schema when there is no sample)', () => {
    expect(Object.keys(mappingSources(doc, 'find', manifests))).toEqual(['trigger']);
    const sources = mappingSources(doc, 'note', manifests);
    expect(Object.keys(sources)).toEqual(['trigger', 'steps.find.output']);
    expect(sources['steps.find.output'].sample).toEqual({ id: '', visits: 0 });
  });

  it('puts mapping problems on the node that has them, before publish', () => {
    const problems = mappingProblemsByNode(doc, manifests);
    expect(Object.keys(problems)).toEqual(['note']);
    expect(problems.note.map((p) => p.path)).toEqual(['input/buyer']);
    expect(problems.note[0].message).toContain('"b_1" in the sample, which is not the form Buyer takes');
  });
});
