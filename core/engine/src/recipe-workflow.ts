/**
 * A connector recipe (manifest `recipes`) as a workflow document: the recipe's trigger and steps
 * with the user's connection ids filled in, one connection per connector. What the README, the
 * pair pages' "Set it up" links and the tests create from a recipe.
 */
import type { Recipe } from '@wireup/sdk';
import type { Workflow, WorkflowStep } from './workflow-types.ts';
import { walkSteps } from '@wireup/sdk';

/** A copy of the recipe's steps with each action step's connection filled in (switch branches included). */
function withConnections(steps: unknown[], connections: Record<string, string>): WorkflowStep[] {
  const copy = structuredClone(steps) as WorkflowStep[];
  for (const { step } of walkSteps<WorkflowStep>(copy)) {
    if (step.type === 'action' && typeof step.connector === 'string')
      step.connection = connections[step.connector] ?? `<${step.connector} connection id>`;
  }
  return copy;
}

/**
 * The workflow document of `recipe`, named after it. `connections` maps a connector name to the
 * connection id to use; a connector left out gets the placeholder `<name connection id>`.
 */
export function recipeWorkflow(recipe: Recipe, connections: Record<string, string> = {}): Workflow {
  const { connector, trigger } = recipe.trigger;
  return {
    name: recipe.displayName,
    trigger: { connector, trigger, connection: connections[connector] ?? `<${connector} connection id>` },
    steps: withConnections(recipe.steps, connections),
  };
}
