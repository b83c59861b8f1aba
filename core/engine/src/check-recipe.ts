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
import type { ActionStep, WorkflowStep } from './workflow-types.ts';

function sampleInputProblems(steps: WorkflowStep[], context: TemplateContext, catalog: ConnectorCatalog, pointer: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  steps.forEach((step, i) => {
    if (step.type !== 'action') return;
    const a = step as ActionStep;
    const action = catalog.get(a.connector)?.actions.get(a.action);
    if (!action) return;
    const input = renderTemplate(a.input ?? {}, context);
    for (const p of validateValue(action.inputSchema as JsonSchema, input, `${pointer}/${i}/input`)) {
      problems.push({ ...p, message: `with the trigger's sample, the input ${p.message} (rendered: ${JSON.stringify(input)})` });
    }
    context.steps[a.id] = { output: action.sample };
  });
  return problems;
}

/** Every problem of `recipe` against `catalog` (empty when it can be offered as it is). */
export function checkRecipe(recipe: Recipe, catalog: ConnectorCatalog): ValidationProblem[] {
  const workflow = recipeWorkflow(recipe);
  const problems = [...validateWorkflowDocument(workflow, catalog), ...templateWarnings(workflow, catalog)];
  if (problems.length) return problems;
  const trigger = catalog.get(recipe.trigger.connector)?.triggers.get(recipe.trigger.trigger);
  return sampleInputProblems(workflow.steps, { trigger: trigger?.sample, steps: {} }, catalog, '/steps');
}
