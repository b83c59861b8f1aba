/**
 * What changed between two versions of a workflow, step by step: steps added, removed, moved,
 * and for a changed step each field that differs (input fields one by one), plus the name and
 * the trigger.
 */
import type { Step, WorkflowDocument } from '../api/types.ts';
import { allSteps } from './workflow-steps.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface Change {
  kind: 'added' | 'removed' | 'changed' | 'moved';
  node: string;
  fields?: FieldChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, prefix = ''): FieldChange[] {
  const out: FieldChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'cases' || key === 'default') continue; // branch contents are compared step by step
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (key === 'input' && a && b && typeof a === 'object' && typeof b === 'object')
      out.push(...fieldChanges(a as Record<string, unknown>, b as Record<string, unknown>, 'input.'));
    else out.push({ field: `${prefix}${key}`, before: a, after: b });
  }
  return out;
}

/** The changes from `before` to `after` (empty when they are the same). */
export function diffWorkflows(before: WorkflowDocument, after: WorkflowDocument): Change[] {
  const changes: Change[] = [];
  const top = fieldChanges(
    { name: before.name, description: before.description },
    { name: after.name, description: after.description },
  );
  if (top.length) changes.push({ kind: 'changed', node: 'workflow', fields: top });
  const trigger = fieldChanges(before.trigger, after.trigger);
  if (trigger.length) changes.push({ kind: 'changed', node: 'trigger', fields: trigger });
  const was = allSteps(before);
  const is = allSteps(after);
  const wasById = new Map(was.map((s, i) => [s.id, { step: s, at: i }]));
  const isById = new Map(is.map((s, i) => [s.id, { step: s, at: i }]));
  for (const s of was) if (!isById.has(s.id)) changes.push({ kind: 'removed', node: s.id });
  for (const s of is) {
    const old = wasById.get(s.id);
    if (!old) {
      changes.push({ kind: 'added', node: s.id });
      continue;
    }
    const fields = fieldChanges(
      old.step as unknown as Record<string, unknown>,
      s as unknown as Record<string, unknown>,
    );
    if (fields.length) changes.push({ kind: 'changed', node: s.id, fields });
    else if (placeOf(before, s.id) !== placeOf(after, s.id)) changes.push({ kind: 'moved', node: s.id });
  }
  return changes;
}

/** Where a step sits: its list (top level or a branch) and the ids before it there. */
function placeOf(doc: WorkflowDocument, id: string): string {
  const find = (steps: Step[], where: string): string | null => {
    for (const [i, s] of steps.entries()) {
      if (s.id === id)
        return `${where}@${steps
          .slice(0, i)
          .map((x) => x.id)
          .join(',')}`;
      for (const [k, branch] of Object.entries(s.cases ?? {})) {
        const r = find(branch, `${s.id}/${k}`);
        if (r) return r;
      }
      if (s.default) {
        const r = find(s.default, `${s.id}/default`);
        if (r) return r;
      }
    }
    return null;
  };
  return find(doc.steps, 'top') ?? '';
}
