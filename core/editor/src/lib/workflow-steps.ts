/**
 * Edits of a workflow document, addressed by step id (ids are unique across all branches).
 * Every function returns a new document; the history composable keeps the old one.
 */
import { allSteps as stepsOf, branchesOf, mayRunBefore, walkSteps } from '@wireup/sdk/step-walk';
import type { Problem, Step, WorkflowDocument } from '../api/types.ts';

/** Where a new step goes: after a node (`trigger` or a step id), or first in a switch branch. */
export type InsertAt = { after: string } | { switchId: string; branch: string };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every list of steps in the document (top level and each switch branch), the lists themselves (edits splice them). */
function* lists(steps: Step[]): Generator<Step[]> {
  yield steps;
  for (const { step, pointer } of walkSteps<Step>(steps))
    for (const branch of branchesOf(step, pointer)) yield branch.steps as Step[];
}

/** Every step, depth first in run order (the SDK's one walker of the step tree). */
export function allSteps(doc: WorkflowDocument): Step[] {
  return stepsOf<Step>(doc.steps);
}

/** Every step by id (one walk; look-ups in loops use this rather than findStep). */
export function stepIndex(doc: WorkflowDocument): Map<string, Step> {
  return new Map(allSteps(doc).map((s) => [s.id, s]));
}

export function findStep(doc: WorkflowDocument, id: string): Step | undefined {
  return allSteps(doc).find((s) => s.id === id);
}

/** A kebab-case id not yet used, from a base such as `create-conversation`. */
export function uniqueId(doc: WorkflowDocument, base: string): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, 's-$1') || 'step';
  const used = new Set(allSteps(doc).map((s) => s.id));
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/** Inserts a step; the step's id is made unique. */
export function insertStep(doc: WorkflowDocument, at: InsertAt, step: Step): WorkflowDocument {
  const next = clone(doc);
  const fresh = { ...clone(step), id: uniqueId(next, step.id) };
  if ('switchId' in at) {
    const sw = findStep(next, at.switchId);
    if (!sw || sw.type !== 'switch') throw new Error(`No switch "${at.switchId}"`);
    if (at.branch === 'default') (sw.default ??= []).unshift(fresh);
    else ((sw.cases ??= {})[at.branch] ??= []).unshift(fresh);
    return next;
  }
  if (at.after === 'trigger') {
    next.steps.unshift(fresh);
    return next;
  }
  for (const list of lists(next.steps)) {
    const i = list.findIndex((s) => s.id === at.after);
    if (i >= 0) {
      list.splice(i + 1, 0, fresh);
      return next;
    }
  }
  throw new Error(`No step "${at.after}"`);
}

export function removeStep(doc: WorkflowDocument, id: string): WorkflowDocument {
  const next = clone(doc);
  for (const list of lists(next.steps)) {
    const i = list.findIndex((s) => s.id === id);
    if (i >= 0) {
      list.splice(i, 1);
      return next;
    }
  }
  return next;
}

/** Replaces a step's fields (`undefined` removes a field). */
export function updateStep(doc: WorkflowDocument, id: string, patch: Partial<Step>): WorkflowDocument {
  const next = clone(doc);
  const step = findStep(next, id);
  if (!step) return next;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete (step as unknown as Record<string, unknown>)[key];
    else (step as unknown as Record<string, unknown>)[key] = clone(value);
  }
  return next;
}

/**
 * Ids of the steps that may have run before `id` (those its templates may read), in document
 * order: the rule the server validates with (`mayRunBefore`: not a step of another branch of
 * the same switch).
 */
export function stepsBefore(doc: WorkflowDocument, id: string): string[] {
  const visits = [...walkSteps<Step>(doc.steps)];
  const at = visits.findIndex((v) => v.step.id === id);
  if (at < 0) return [];
  return visits
    .slice(0, at)
    .filter((v) => mayRunBefore(v, visits[at]))
    .map((v) => v.step.id);
}

/** An empty connection, said as a user would want it (the schema says "fewer than 1 characters"). */
function friendly(problem: Problem): Problem {
  if (/\/connection$/.test(problem.path) && /fewer than 1 character/.test(problem.message)) {
    return { ...problem, message: 'needs a connection', fix: 'choose one, or create it with "New connection"' };
  }
  return problem;
}

/** The API's problems grouped by the node they belong to (`trigger`, a step id, or `workflow`). */
export function problemsByNode(doc: WorkflowDocument, problems: Problem[]): Record<string, Problem[]> {
  const out: Record<string, Problem[]> = {};
  const visits = [...walkSteps<Step>(doc.steps)];
  for (const problem of problems) {
    // The innermost step whose pointer starts the problem's path.
    const step = visits.filter((v) => problem.path === v.pointer || problem.path.startsWith(`${v.pointer}/`)).at(-1);
    const node = step
      ? step.step.id
      : problem.path === '/trigger' || problem.path.startsWith('/trigger/')
        ? 'trigger'
        : 'workflow';
    (out[node] ??= []).push(friendly(problem));
  }
  return out;
}

/** Gives `connectionId` to every action step of `connector` that has no connection yet (one new connection serves them all). */
export function fillConnection(doc: WorkflowDocument, connector: string, connectionId: string): WorkflowDocument {
  const next = clone(doc);
  for (const step of allSteps(next))
    if (step.type === 'action' && step.connector === connector && !step.connection) step.connection = connectionId;
  return next;
}
