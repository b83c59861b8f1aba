/**
 * Samples pinned with the draft (`pinned` of the workflow document, saved like any edit): a
 * step test's output pinned for the steps after it, and a trigger event caught by "listen for a
 * test event". The mapping tree shows them instead of the manifests' samples; step tests read them.
 */
import type { WorkflowDocument } from '../api/types.ts';

/** The output pinned for a step, if any. */
export function pinnedOutput(doc: WorkflowDocument, stepId: string): { output: unknown } | undefined {
  const steps = doc.pinned?.steps;
  return steps && Object.hasOwn(steps, stepId) ? { output: steps[stepId] } : undefined;
}

/** The document with `output` pinned as the step's sample output. */
export function pinStepOutput(doc: WorkflowDocument, stepId: string, output: unknown): WorkflowDocument {
  return { ...doc, pinned: { ...doc.pinned, steps: { ...doc.pinned?.steps, [stepId]: output } } };
}

/** The document without the step's pinned output (and without an empty `pinned`). */
export function unpinStep(doc: WorkflowDocument, stepId: string): WorkflowDocument {
  const steps = { ...doc.pinned?.steps };
  delete steps[stepId];
  return withPinned(doc, { ...doc.pinned, steps: Object.keys(steps).length ? steps : undefined });
}

/** The document with `event` (a trigger payload) pinned as the trigger's sample. */
export function pinTriggerEvent(doc: WorkflowDocument, event: unknown): WorkflowDocument {
  return { ...doc, pinned: { ...doc.pinned, trigger: event } };
}

/** The document back on the manifest's trigger sample. */
export function unpinTriggerEvent(doc: WorkflowDocument): WorkflowDocument {
  return withPinned(doc, { ...doc.pinned, trigger: undefined });
}

function withPinned(doc: WorkflowDocument, pinned: WorkflowDocument['pinned']): WorkflowDocument {
  const kept = Object.fromEntries(Object.entries(pinned ?? {}).filter(([, v]) => v !== undefined));
  const { pinned: _old, ...rest } = doc;
  return Object.keys(kept).length ? { ...rest, pinned: kept } : rest;
}
