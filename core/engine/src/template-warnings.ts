/**
 * Template paths that the data will not have: `{{trigger.data.nmae}}` where the trigger's
 * output schema declares no `nmae`, or `{{steps.find.output.customer.idd}}` against the action's
 * output schema. These are warnings, not errors: a schema may be incomplete, and a free-form
 * object (no declared properties, such as Stripe's `metadata`) accepts any key. Steps whose
 * output has no schema (filter, switch, code, ai) are not checked past their id.
 */
import type { JsonSchema, ValidationProblem } from '@wireup/sdk';
import type { ConnectorCatalog } from './engine.ts';
import { findTemplates } from './template.ts';
import type { Workflow, WorkflowStep } from './workflow-types.ts';
import { walkSteps } from '@wireup/sdk';

type Schema = JsonSchema | boolean | undefined;

/** Whether `segments` can be read from a value of `schema`: true when declared, or when the schema leaves it open. */
export function schemaHasPath(schema: Schema, segments: string[]): boolean {
  if (!segments.length || schema === undefined || schema === true) return true;
  if (schema === false || typeof schema !== 'object') return false;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length) {
      const declared = branches.filter(
        (b) => b && typeof b === 'object' && ('properties' in b || 'items' in b || 'anyOf' in b || 'oneOf' in b),
      );
      if (declared.length) return declared.some((b) => schemaHasPath(b as JsonSchema, segments));
    }
  }
  if (typeof schema.$ref === 'string') return true;
  const [head, ...rest] = segments;
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (schema.items !== undefined && /^\d+$/.test(head)) return schemaHasPath(schema.items as Schema, rest);
  if (schema.items !== undefined && !schema.properties) return false;
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties && Object.hasOwn(properties, head)) return schemaHasPath(properties[head], rest);
  if (schema.patternProperties) return true;
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') return schemaHasPath(extra as JsonSchema, rest);
  if (properties) return false;
  // No declared properties: open unless the schema says it is a scalar or closed.
  if (extra === false) return false;
  return !types.length || types.includes('object');
}

/** The output schema of each action step, by step id (switch branches included). */
function outputSchemas(steps: WorkflowStep[], catalog: ConnectorCatalog): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const { step } of walkSteps<WorkflowStep>(steps)) {
    if (step.type === 'action')
      out.set(step.id, catalog.get(step.connector)?.actions.get(step.action)?.outputSchema as Schema);
  }
  return out;
}

/**
 * Every template of the workflow whose path its data source's schema does not declare, as
 * `{path: <JSON pointer of the string>, message, fix}`. Unknown connectors, triggers and steps
 * are validation errors elsewhere and are skipped here.
 */
export function templateWarnings(
  workflow: Pick<Workflow, 'trigger' | 'steps'>,
  catalog: ConnectorCatalog,
): ValidationProblem[] {
  const trigger = catalog.get(workflow.trigger?.connector)?.triggers.get(workflow.trigger?.trigger);
  const outputs = outputSchemas(workflow.steps ?? [], catalog);
  const warnings: ValidationProblem[] = [];
  for (const t of findTemplates(workflow.steps, '/steps')) {
    if (!t.path) continue;
    const [root, id, output, ...rest] = t.path;
    if (root === 'trigger' && trigger) {
      const segments = t.path.slice(1);
      if (!schemaHasPath(trigger.outputSchema as JsonSchema, segments)) {
        warnings.push({
          path: t.pointer,
          message: `template "{{${t.raw}}}" reads ${segments.join('.')}, which ${workflow.trigger.connector}.${workflow.trigger.trigger} events do not have`,
          fix: "check the spelling against the trigger's sample (GET /v1/connectors/<name>)",
        });
      }
    } else if (root === 'steps' && output === 'output' && outputs.has(id) && outputs.get(id) !== undefined) {
      if (!schemaHasPath(outputs.get(id), rest)) {
        warnings.push({
          path: t.pointer,
          message: `template "{{${t.raw}}}" reads ${rest.join('.')}, which the output of step "${id}" does not have`,
          fix: "check the spelling against the action's output sample",
        });
      }
    }
  }
  return warnings;
}
