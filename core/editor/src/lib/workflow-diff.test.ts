import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../api/types.ts';
import { diffWorkflows } from './workflow-diff.ts';

const v1: WorkflowDocument = {
  name: 'Failed charges',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c1' },
  steps: [
    {
      id: 'only-declines',
      type: 'filter',
      when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
    },
    {
      id: 'open',
      type: 'action',
      connector: 'kustomer',
      action: 'create-conversation',
      connection: 'k1',
      input: { customer: '{{steps.find.output.id}}', name: 'Failed' },
    },
  ],
};

describe('diffWorkflows', () => {
  it('is empty for the same document', () => {
    expect(diffWorkflows(v1, JSON.parse(JSON.stringify(v1)))).toEqual([]);
  });

  it('names added, removed, moved and changed steps, input fields one by one', () => {
    const v2: WorkflowDocument = {
      ...v1,
      name: 'Failed charges v2',
      trigger: { ...v1.trigger, connection: 'c2' },
      steps: [
        { ...v1.steps[1], input: { customer: '{{steps.find.output.id}}', name: 'Payment failed', priority: 4 } },
        { id: 'note', type: 'action', connector: 'kustomer', action: 'send-message', connection: 'k1', input: {} },
      ],
    };
    expect(diffWorkflows(v1, v2)).toEqual([
      {
        kind: 'changed',
        node: 'workflow',
        fields: [{ field: 'name', before: 'Failed charges', after: 'Failed charges v2' }],
      },
      { kind: 'changed', node: 'trigger', fields: [{ field: 'connection', before: 'c1', after: 'c2' }] },
      { kind: 'removed', node: 'only-declines' },
      {
        kind: 'changed',
        node: 'open',
        fields: [
          { field: 'input.name', before: 'Failed', after: 'Payment failed' },
          { field: 'input.priority', before: undefined, after: 4 },
        ],
      },
      { kind: 'added', node: 'note' },
    ]);
    const swapped = { ...v1, steps: [v1.steps[1], v1.steps[0]] };
    expect(diffWorkflows(v1, swapped)).toEqual([
      { kind: 'moved', node: 'open' },
      { kind: 'moved', node: 'only-declines' },
    ]);
  });
});
