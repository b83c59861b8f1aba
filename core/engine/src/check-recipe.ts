/**
 * Checks a connector recipe against the connectors it uses, so every recipe a user is offered
 * is complete and valid: as a workflow document (connectors, triggers, actions, required
 * inputs), its template paths against the output schemas, and each action's input, rendered
 * from the trigger's sample and the earlier actions' samples, against the action's input schema.
 */
import { validateValue, type JsonSchema, type Recipe, type ValidationProblem } from '@wireup/sdk';
import type { ConnectorCatalog } from './engine.ts';
import { recipeWorkflow } from './recipe-workflow.ts';
import { renderTemplate, type TemplateContext } from './template.ts';
import { templateWarnings } from './template-warnings.ts';
import { validateWorkflowDocument } from './validate-workflow.ts';
import type { WorkflowStep } from './workflow-types.ts';
import { walkSteps } from '@wireup/sdk';

/** Each action's input rendered from the samples, against its input schema (switch branches included, in document order). */
function sampleInputProblems(
  steps: WorkflowStep[],
  context: TemplateContext,
  catalog: ConnectorCatalog,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const { step, pointer } of walkSteps<WorkflowStep>(steps)) {
    if (step.type !== 'action') continue;
    const action = catalog.get(step.connector)?.actions.get(step.action);
    if (!action) continue;
    const input = renderTemplate(step.input ?? {}, context);
    for (const p of validateValue(action.inputSchema as JsonSchema, input, `${pointer}/input`)) {
      problems.push({
        ...p,
        message: `with the trigger's sample, the input ${p.message} (rendered: ${JSON.stringify(input)})`,
      });
    }
    context.steps[step.id] = { output: action.sample };
  }
  return problems;
}

/** Every problem of `recipe` against `catalog` (empty when it can be offered as it is). */
export function checkRecipe(recipe: Recipe, catalog: ConnectorCatalog): ValidationProblem[] {
  const workflow = recipeWorkflow(recipe);
  const problems = [...validateWorkflowDocument(workflow, catalog), ...templateWarnings(workflow, catalog)];
  if (problems.length) return problems;
  const trigger = catalog.get(recipe.trigger.connector)?.triggers.get(recipe.trigger.trigger);
  return sampleInputProblems(workflow.steps, { trigger: trigger?.sample, steps: {} }, catalog);
}
