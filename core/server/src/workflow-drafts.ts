/**
 * What the editor needs from draft saves: a draft may be saved while still being built
 * (`?partial=true`) when it has the document's outline, and answers its problems; a save names
 * the revision it is based on (`If-Match`) and is refused when the workflow has moved on. Saves
 * of one workflow are taken one at a time in this process, so a check and its write cannot
 * interleave.
 */
import type { ValidationProblem } from '@wireup/sdk';
import type { WorkflowRecord } from '@wireup/store';
import { WorkflowChangedError } from './errors.ts';

/** What keeps a body from being stored even as an incomplete draft: a name, a trigger's connector and key, a steps array. */
export function outlineProblems(body: unknown): ValidationProblem[] {
  const b = body as { name?: unknown; trigger?: Record<string, unknown>; steps?: unknown } | null;
  if (!b || typeof b !== 'object' || Array.isArray(b))
    return [{ path: '', message: 'is not a workflow document', fix: 'send {name, trigger, steps}' }];
  const problems: ValidationProblem[] = [];
  if (typeof b.name !== 'string')
    problems.push({ path: '/name', message: 'must be a string', fix: 'give the workflow a name' });
  if (
    !b.trigger ||
    typeof b.trigger !== 'object' ||
    typeof b.trigger.connector !== 'string' ||
    typeof b.trigger.trigger !== 'string'
  ) {
    problems.push({
      path: '/trigger',
      message: 'must name a connector and a trigger',
      fix: 'e.g. {"connector": "stripe", "trigger": "charge-failed"}',
    });
  }
  if (
    !Array.isArray(b.steps) ||
    b.steps.some(
      (s) =>
        !s ||
        typeof s !== 'object' ||
        typeof (s as { id?: unknown }).id !== 'string' ||
        typeof (s as { type?: unknown }).type !== 'string',
    )
  ) {
    problems.push({
      path: '/steps',
      message: 'must be an array of steps with an id and a type',
      fix: 'give [] for no steps',
    });
  }
  return problems;
}

/** True when the query asks for a partial save (`?partial=true`). */
export const isPartial = (query: unknown) => (query as { partial?: string } | undefined)?.partial === 'true';

/** Throws WORKFLOW_CHANGED when `If-Match` names another revision than the stored one. */
export function checkRevision(current: WorkflowRecord, ifMatch: string | string[] | undefined): void {
  if (typeof ifMatch !== 'string') return;
  if (ifMatch.replace(/^W\//, '').replace(/^"|"$/g, '') === current.updatedAt) return;
  throw new WorkflowChangedError(
    `Workflow "${current.id}" was changed elsewhere (revision ${current.updatedAt}) after the revision this save is based on; reload it and make the change again.`,
    { revision: current.updatedAt },
  );
}

/** Runs `work` for one workflow id after the previous work for that id has settled. */
export function createSaveQueue() {
  const saving = new Map<string, Promise<unknown>>();
  return <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const next = (saving.get(id) ?? Promise.resolve()).catch(() => undefined).then(work);
    saving.set(id, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (saving.get(id) === next) saving.delete(id);
      });
    return next;
  };
}
