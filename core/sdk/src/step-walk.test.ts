import { describe, expect, it } from 'vitest';
import { allSteps, mayRunBefore, walkSteps, type StepVisit } from './step-walk.ts';

const step = (id: string) => ({ id, type: 'action' });
const tree = [
  step('a'),
  {
    id: 'sw',
    type: 'switch',
    on: 'x',
    cases: {
      'refund/full': [step('b'), { id: 'inner', type: 'switch', on: 'y', cases: { z: [step('c')] } }],
      other: [step('d')],
    },
    default: [step('e')],
  },
  step('f'),
];

describe('walkSteps', () => {
  it('visits every step in document order, switch branches included, with escaped JSON pointers', () => {
    expect([...walkSteps<{ id: string }>(tree)].map((v) => [v.step.id, v.pointer, v.depth])).toEqual([
      ['a', '/steps/0', 0],
      ['sw', '/steps/1', 0],
      ['b', '/steps/1/cases/refund~1full/0', 1],
      ['inner', '/steps/1/cases/refund~1full/1', 1],
      ['c', '/steps/1/cases/refund~1full/1/cases/z/0', 2],
      ['d', '/steps/1/cases/other/0', 1],
      ['e', '/steps/1/default/0', 1],
      ['f', '/steps/2', 0],
    ]);
  });

  it('walks what has the shape of steps and skips the rest (documents not validated yet)', () => {
    expect(allSteps(undefined)).toEqual([]);
    expect(allSteps({ not: 'a list' })).toEqual([]);
    expect(
      allSteps([
        null,
        'text',
        { type: 'switch', cases: ['not', 'an', 'object'], default: 'nope' },
        { type: 'switch', cases: { a: 'no list' } },
      ]),
    ).toHaveLength(4);
  });

  it('stops below maxDepth but still visits the switch that goes deeper', () => {
    expect(Array.from(walkSteps<{ id: string }>(tree, { maxDepth: 1 }), (v) => v.step.id)).toEqual([
      'a',
      'sw',
      'b',
      'inner',
      'd',
      'e',
      'f',
    ]);
  });

  it('walks a switch chain 5,000 levels deep without overflowing the stack', () => {
    let steps: unknown[] = [step('leaf')];
    for (let i = 0; i < 5_000; i++) steps = [{ id: `s${i}`, type: 'switch', on: 'x', cases: { a: steps } }];
    const visits = [...walkSteps(steps)];
    expect(visits).toHaveLength(5_001);
    expect(visits.at(-1)!.depth).toBe(5_000);
  });
});

describe('mayRunBefore', () => {
  const visits = new Map([...walkSteps<{ id: string }>(tree)].map((v) => [v.step.id, v as StepVisit]));
  const before = (a: string, b: string) => mayRunBefore(visits.get(a)!, visits.get(b)!);

  it('says which earlier steps a step can read: not those of another branch of the same switch', () => {
    expect(before('a', 'b')).toBe(true);
    expect(before('sw', 'b')).toBe(true);
    expect(before('b', 'c')).toBe(true);
    expect(before('b', 'd')).toBe(false);
    expect(before('c', 'e')).toBe(false);
    expect(before('c', 'f')).toBe(true);
    expect(before('d', 'f')).toBe(true);
  });
});
