/**
 * A connector recipe (manifest `recipes`) as a workflow document: the recipe's trigger and steps
 * with the user's connection ids filled in, one connection per connector. What the README, the
 * pair pages' "Set it up" links and the tests create from a recipe.
 */
import type { Recipe } from '@wireup/sdk';
import type { Workflow, WorkflowStep } from './workflow-types.ts';

function withConnections(steps: unknown[], connections: Record<string, string>): WorkflowStep[] {
  return steps.map((raw) => {
    const step = structuredClone(raw) as Record<string, unknown>;
    if (step.type === 'action' && typeof step.connector === 'string') step.connection = connections[step.connector] ?? `<${step.connector} connection id>`;
    if (step.type === 'switch') {
      const cases = step.cases as Record<string, unknown[]>;
      for (const key of Object.keys(cases ?? {})) cases[key] = withConnections(cases[key], connections);
      if (Array.isArray(step.default)) step.default = withConnections(step.default, connections);
    }
    return step as unknown as WorkflowStep;
  });
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
