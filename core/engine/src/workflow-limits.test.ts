import { describe, expect, it } from 'vitest';
import { checkWorkflowLimits, workflowLimits } from './workflow-limits.ts';

const action = (input: unknown, id = 'act') => ({
  id,
  type: 'action',
  connector: 'kustomer',
  action: 'create-conversation',
  connection: 'c',
  input,
});
const doc = (steps: unknown[], name = 'W') => ({
  name,
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c' },
  steps,
});

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('checkWorkflowLimits', () => {
  it('accepts an ordinary document', () => {
    expect(checkWorkflowLimits(doc([action({ customer: '{{trigger.data.object.customer}}' })]))).toEqual([]);
  });

  it('names the path of an input nested 20,000 levels, without overflowing the stack', () => {
    const problems = checkWorkflowLimits(doc([action(nested(20_000))]));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toMatch(/^\/steps\/0\/input(\/a)+$/);
    expect(problems[0].message).toContain(`deeper than ${workflowLimits.depth}`);
  });

  it('refuses long strings, names and step ids, too many steps and deep switches', () => {
    expect(checkWorkflowLimits(doc([action({ x: 'y'.repeat(workflowLimits.stringLength + 1) })]))[0].path).toBe(
      '/steps/0/input/x',
    );
    expect(checkWorkflowLimits(doc([], 'n'.repeat(201)))[0].path).toBe('/name');
    expect(checkWorkflowLimits(doc([action({}, 'a'.repeat(65))]))[0].path).toBe('/steps/0/id');
    const many = Array.from({ length: workflowLimits.steps + 1 }, (_, i) => action({}, `s${i}`));
    expect(checkWorkflowLimits(doc(many))[0].message).toContain(`${workflowLimits.steps + 1} steps`);
    let steps: unknown[] = [action({})];
    for (let i = 0; i < workflowLimits.branchDepth + 1; i++)
      steps = [{ id: `sw${i}`, type: 'switch', on: 'x', cases: { a: steps } }];
    expect(checkWorkflowLimits(doc(steps))[0].message).toContain('switch steps deeper');
  });

  it('refuses a document over the size limit', () => {
    const big = Array.from({ length: 60 }, (_, i) => action({ text: 'z'.repeat(9_000) }, `s${i}`));
    expect(checkWorkflowLimits(doc(big))[0].message).toMatch(/bytes, over the limit/);
  });
});
