/**
 * What a node may map, and what is wrong with what it maps: the trigger's sample and the outputs
 * of the steps that run before it, and the mapping check of every action step's inputs (shown
 * on the canvas before publish, next to the API's own problems).
 */
import type { ConnectorManifest, Problem, WorkflowDocument } from '../api/types.ts';
import { mappingProblem, sampleFromSchema, type MappingSources } from './mapping.ts';
import { fieldsOf } from './schema-fields.ts';
import type { Step } from '../api/types.ts';
import { stepIndex, stepsBefore } from './workflow-steps.ts';
import { pinnedOutput } from './pinned.ts';

/** The sources a node's templates can read. */
export function mappingSources(
  doc: WorkflowDocument,
  nodeId: string,
  manifests: Record<string, ConnectorManifest>,
  index: Map<string, Step> = stepIndex(doc),
): MappingSources {
  const out: MappingSources = {};
  const triggerManifest = manifests[doc.trigger.connector];
  const trigger = triggerManifest?.triggers.find((t) => t.key === doc.trigger.trigger);
  // A trigger event pinned with the draft ("listen for a test event") is shown instead of the manifest's sample.
  const testEvent = doc.pinned?.trigger;
  if (trigger) {
    out.trigger =
      testEvent === undefined
        ? {
            label: `Trigger: ${triggerManifest.displayName} ${trigger.displayName} (sample)`,
            sample: trigger.sample,
            schema: trigger.outputSchema,
          }
        : {
            label: `Trigger: ${triggerManifest.displayName} ${trigger.displayName} (test event)`,
            sample: testEvent,
            schema: trigger.outputSchema,
          };
  }
  if (nodeId === 'trigger') return out;
  for (const id of stepsBefore(doc, nodeId)) {
    const s = index.get(id);
    const a =
      s?.type === 'action' && s.connector ? manifests[s.connector]?.actions.find((x) => x.key === s.action) : undefined;
    // A step test's output pinned for this step wins over the action's sample; code and AI steps have only that.
    const pinned = pinnedOutput(doc, id);
    if (pinned)
      out[`steps.${id}.output`] = {
        label: `Step ${id}${a ? `: ${a.displayName}` : ''} (pinned output)`,
        sample: pinned.output,
        schema: a?.outputSchema,
      };
    else if (a)
      out[`steps.${id}.output`] = {
        label: `Step ${id}: ${a.displayName} (output)`,
        sample: a.sample ?? sampleFromSchema(a.outputSchema),
        schema: a.outputSchema,
      };
  }
  return out;
}

/** Mapping problems of every action step, by step id (empty steps are left out). */
export function mappingProblemsByNode(
  doc: WorkflowDocument,
  manifests: Record<string, ConnectorManifest>,
): Record<string, Problem[]> {
  const out: Record<string, Problem[]> = {};
  const index = stepIndex(doc);
  for (const step of index.values()) {
    if (step.type !== 'action' || !step.connector) continue;
    const action = manifests[step.connector]?.actions.find((a) => a.key === step.action);
    if (!action) continue;
    // Only inputs that map something need the sources (most of a large workflow's do not change often).
    if (!Object.values(step.input ?? {}).some((v) => typeof v === 'string' && v.includes('{{'))) continue;
    const sources = mappingSources(doc, step.id, manifests, index);
    for (const field of fieldsOf(action.inputSchema)) {
      const value = step.input?.[field.key];
      const problem = value === undefined ? null : mappingProblem(field, value, sources);
      if (problem)
        (out[step.id] ??= []).push({
          path: `input/${field.key}`,
          message: problem,
          fix: 'map a field of the right type (checked before publish)',
        });
    }
  }
  return out;
}
