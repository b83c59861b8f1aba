import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../api/types.ts';
import { allSteps, insertStep, problemsByNode, removeStep, stepsBefore, updateStep } from './workflow-steps.ts';
import { workflowGraph } from './workflow-graph.ts';

const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
  steps: [
    { id: 'only-declines', type: 'filter', when: { all: [] } },
    {
      id: 'by-currency',
      type: 'switch',
      on: '',
      cases: {
        usd: [{ id: 'usd-note', type: 'action', connector: 'kustomer', action: 'create-conversation', connection: '' }],
      },
      default: [],
    },
    { id: 'last', type: 'action', connector: 'kustomer', action: 'create-conversation', connection: '' },
  ],
};

describe('workflow edits', () => {
  it('inserts after a node, first in a branch, with a unique id, without touching the original', () => {
    const a = insertStep(doc, { after: 'trigger' }, { id: 'only-declines', type: 'filter', when: { all: [] } });
    expect(a.steps.map((s) => s.id)).toEqual(['only-declines-2', 'only-declines', 'by-currency', 'last']);
    const b = insertStep(doc, { switchId: 'by-currency', branch: 'default' }, { id: 'eur', type: 'filter' });
    expect(b.steps[1].default!.map((s) => s.id)).toEqual(['eur']);
    const c = insertStep(doc, { after: 'usd-note' }, { id: 'after-note', type: 'filter' });
    expect(c.steps[1].cases!.usd.map((s) => s.id)).toEqual(['usd-note', 'after-note']);
    expect(allSteps(doc).length).toBe(4);
  });

  it('removes and updates a step wherever it is', () => {
    expect(allSteps(removeStep(doc, 'usd-note')).map((s) => s.id)).toEqual(['only-declines', 'by-currency', 'last']);
    const renamed = updateStep(doc, 'usd-note', { name: 'Note', connection: undefined });
    expect(renamed.steps[1].cases!.usd[0]).toMatchObject({ name: 'Note' });
    expect('connection' in renamed.steps[1].cases!.usd[0]).toBe(false);
  });

  it('knows which steps run before a step (what its templates may read)', () => {
    expect(stepsBefore(doc, 'only-declines')).toEqual([]);
    expect(stepsBefore(doc, 'usd-note')).toEqual(['only-declines', 'by-currency']);
    expect(stepsBefore(doc, 'last')).toEqual(['only-declines', 'by-currency', 'usd-note']);
  });

  it('puts each API problem on its node', () => {
    const grouped = problemsByNode(doc, [
      { path: '/trigger/connection', message: 'x' },
      { path: '/steps/2/input/customer', message: 'y' },
      { path: '/steps/1/cases/usd/0/connection', message: 'z' },
      { path: '/name', message: 'n' },
    ]);
    expect(Object.fromEntries(Object.entries(grouped).map(([k, v]) => [k, v.map((p) => p.message)]))).toEqual({
      trigger: ['x'],
      last: ['y'],
      'usd-note': ['z'],
      workflow: ['n'],
    });
  });

  it('lays out a switch with one column per case and default, joining before the next step', () => {
    const { nodes, edges } = workflowGraph(doc);
    expect(nodes.map((n) => n.id)).toEqual([
      'trigger',
      'only-declines',
      'by-currency',
      'usd-note',
      'branch:by-currency:default',
      'last',
    ]);
    const y = (id: string) => nodes.find((n) => n.id === id)!.position.y;
    const x = (id: string) => nodes.find((n) => n.id === id)!.position.x;
    expect(y('trigger')).toBeLessThan(y('only-declines'));
    expect(x('usd-note')).not.toBe(x('branch:by-currency:default'));
    expect(y('last')).toBeGreaterThan(y('usd-note'));
    expect(edges.find((e) => e.source === 'usd-note' && e.target === 'last')!.data.insert).toEqual({
      after: 'by-currency',
    });
    expect(edges.find((e) => e.target === 'usd-note')!.data.insert).toEqual({ switchId: 'by-currency', branch: 'usd' });
  });
});
