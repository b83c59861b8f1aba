/**
 * Copy and paste of steps as workflow JSON: what the clipboard holds (`{"steps": [...]}`, as a
 * workflow document has them; a bare step or array of steps is accepted too), and the paste
 * itself, which gives every pasted step (switch branches included) an id unused in the draft.
 */
import type { Step, WorkflowDocument } from '../api/types.ts';
import { allSteps, insertStep, type InsertAt } from './workflow-steps.ts';

const stepTypes = new Set(['filter', 'switch', 'action', 'code', 'ai']);

/** The clipboard text for these steps. */
export const stepsToClipboard = (steps: Step[]) => JSON.stringify({ steps }, null, 2);

/** The steps in clipboard text, or null when it is not workflow JSON with steps. */
export function stepsFromClipboard(text: string): Step[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const list = Array.isArray(value)
    ? value
    : ((value as { steps?: unknown })?.steps ?? ((value as { type?: unknown })?.type ? [value] : null));
  if (!Array.isArray(list) || !list.length) return null;
  const valid = list.every(
    (s) => s && typeof s === 'object' && typeof (s as Step).id === 'string' && stepTypes.has((s as Step).type),
  );
  return valid ? (list as Step[]) : null;
}

/** The draft with `steps` inserted at `at` in order, each renamed apart from every id in use; and the first pasted id. */
export function pasteSteps(
  doc: WorkflowDocument,
  at: InsertAt,
  steps: Step[],
): { doc: WorkflowDocument; first: string } {
  const used = new Set(allSteps(doc).map((s) => s.id));
  const fresh = (base: string) => {
    const clean =
      base
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'step';
    let id = clean;
    for (let n = 2; used.has(id); n++) id = `${clean}-${n}`;
    used.add(id);
    return id;
  };
  const rename = (s: Step): Step => ({
    ...s,
    id: fresh(s.id),
    ...(s.cases ? { cases: Object.fromEntries(Object.entries(s.cases).map(([k, v]) => [k, v.map(rename)])) } : {}),
    ...(s.default ? { default: s.default.map(rename) } : {}),
  });
  let next = doc;
  let where = at;
  let first = '';
  for (const step of steps.map(rename)) {
    next = insertStep(next, where, step);
    first ||= step.id;
    where = { after: step.id };
  }
  return { doc: next, first };
}
