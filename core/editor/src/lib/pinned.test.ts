import { describe, expect, it } from 'vitest';
import type { ConnectorManifest, WorkflowDocument } from '../api/types.ts';
import { pinnedOutput, pinStepOutput, pinTriggerEvent, unpinStep, unpinTriggerEvent } from './pinned.ts';
import { mappingSources } from './mapping-sources.ts';

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
        sample: { order: { id: 'o_sample' } },
      },
    ],
    actions: [
      {
        key: 'find-buyer',
        displayName: 'Find buyer',
        description: '',
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object', properties: { id: { type: 'string' } } },
        sample: { id: 'b_sample' },
      },
    ],
  },
};
const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'shop', trigger: 'order-paid', connection: 'c' },
  steps: [
    { id: 'find', type: 'action', connector: 'shop', action: 'find-buyer', connection: 'c', input: {} },
    { id: 'calc', type: 'code', code: 'return { n: 1 }' },
    { id: 'last', type: 'action', connector: 'shop', action: 'find-buyer', connection: 'c', input: {} },
  ],
};

describe('pinned samples', () => {
  it('pins and unpins step outputs and the trigger event without touching the rest of the document', () => {
    const pinned = pinTriggerEvent(pinStepOutput(pinStepOutput(doc, 'find', { id: 'b_real' }), 'calc', { n: 7 }), {
      order: { id: 'o_real' },
    });
    expect(pinned.pinned).toEqual({
      steps: { find: { id: 'b_real' }, calc: { n: 7 } },
      trigger: { order: { id: 'o_real' } },
    });
    expect(pinned.steps).toBe(doc.steps);
    expect(pinnedOutput(pinned, 'calc')).toEqual({ output: { n: 7 } });
    expect(pinnedOutput(pinned, 'last')).toBeUndefined();
    // A pinned null is a pinned value, not "nothing pinned".
    expect(pinnedOutput(pinStepOutput(doc, 'find', null), 'find')).toEqual({ output: null });
    const back = unpinTriggerEvent(unpinStep(unpinStep(pinned, 'find'), 'calc'));
    expect(back).toEqual(doc);
    expect('pinned' in back).toBe(false);
  });

  it('shows pinned outputs and the test event in the mapping tree instead of the samples', () => {
    const before = mappingSources(doc, 'last', manifests);
    expect(before.trigger.sample).toEqual({ order: { id: 'o_sample' } });
    expect(Object.keys(before)).toEqual(['trigger', 'steps.find.output']);
    const pinned = pinTriggerEvent(pinStepOutput(pinStepOutput(doc, 'find', { id: 'b_real' }), 'calc', { n: 7 }), {
      order: { id: 'o_real' },
    });
    const after = mappingSources(pinned, 'last', manifests);
    expect(after.trigger).toMatchObject({
      label: expect.stringContaining('(test event)'),
      sample: { order: { id: 'o_real' } },
    });
    expect(after['steps.find.output']).toMatchObject({
      label: expect.stringContaining('(pinned output)'),
      sample: { id: 'b_real' },
      schema: { type: 'object' },
    });
    // A code step's output is mappable once a test result is pinned for it.
    expect(after['steps.calc.output']).toMatchObject({ sample: { n: 7 } });
  });
});
