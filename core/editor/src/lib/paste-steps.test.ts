import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../api/types.ts';
import { allSteps } from './workflow-steps.ts';
import { pasteSteps, stepsFromClipboard, stepsToClipboard } from './paste-steps.ts';

const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
  steps: [
    { id: 'only', type: 'filter', when: { all: [] } },
    {
      id: 'route',
      type: 'switch',
      on: 'x',
      cases: { a: [{ id: 'inner', type: 'code', code: 'return 1' }] },
      default: [],
    },
  ],
};

describe('copy and paste of steps', () => {
  it('reads workflow JSON, a step or a list of steps, and nothing else', () => {
    expect(stepsFromClipboard(stepsToClipboard([doc.steps[0]]))?.map((s) => s.id)).toEqual(['only']);
    expect(stepsFromClipboard(JSON.stringify(doc.steps[0]))?.map((s) => s.id)).toEqual(['only']);
    expect(stepsFromClipboard(JSON.stringify(doc.steps))).toHaveLength(2);
    for (const text of ['hello', '{}', '[]', '{"steps":[{"id":"x","type":"nope"}]}', '{"steps":[{"type":"code"}]}'])
      expect(stepsFromClipboard(text), text).toBeNull();
  });

  it('pastes after the selected step, a switch with its branches, every id unused', () => {
    const { doc: next, first } = pasteSteps(doc, { after: 'only' }, [doc.steps[1]]);
    const ids = allSteps(next).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first).toBe('route-2');
    expect(next.steps.map((s) => s.id)).toEqual(['only', 'route-2', 'route']);
    expect(next.steps[1].cases?.a[0].id).toBe('inner-2');
    expect(doc.steps).toHaveLength(2);
  });

  it('pastes several steps in their order', () => {
    const { doc: next } = pasteSteps(doc, { after: 'trigger' }, [
      { id: 'a', type: 'code' },
      { id: 'a', type: 'code' },
    ]);
    expect(next.steps.map((s) => s.id).slice(0, 2)).toEqual(['a', 'a-2']);
  });
});
