/**
 * The first draft of a workflow started from a link such as
 * `/editor/new?trigger=stripe.charge-failed&action=kustomer.create-conversation` (the pair
 * pages' "Set it up"): the trigger, and the action as its only step. A connector's only
 * connection is picked already.
 */
import { allSteps } from '@wireup/sdk/step-walk';
import type { Connection, ConnectorManifest, Recipe, Step, WorkflowDocument } from '../api/types.ts';

/** `stripe.charge-failed` → `{connector: 'stripe', key: 'charge-failed'}`; null when malformed. */
export function parseRef(ref: unknown): { connector: string; key: string } | null {
  if (typeof ref !== 'string') return null;
  const match = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)$/.exec(ref);
  return match ? { connector: match[1], key: match[2] } : null;
}

const onlyConnection = (connections: Connection[], connector: string) => {
  const mine = connections.filter((c) => c.connector === connector);
  return mine.length === 1 ? mine[0].id : '';
};

/** The draft for a trigger and an optional action. */
export function newDraft(
  trigger: { manifest: ConnectorManifest; key: string },
  action: { manifest: ConnectorManifest; key: string } | null,
  connections: Connection[],
): WorkflowDocument {
  const t = trigger.manifest.triggers.find((x) => x.key === trigger.key);
  const a = action?.manifest.actions.find((x) => x.key === action.key);
  const name = a
    ? `${trigger.manifest.displayName}: ${t?.displayName ?? trigger.key} → ${action!.manifest.displayName}: ${a.displayName}`
    : `${trigger.manifest.displayName}: ${t?.displayName ?? trigger.key}`;
  const steps: Step[] = action
    ? [
        {
          id: action.key,
          type: 'action',
          connector: action.manifest.name,
          action: action.key,
          connection: onlyConnection(connections, action.manifest.name),
          input: {},
        },
      ]
    : [];
  return {
    name,
    trigger: {
      connector: trigger.manifest.name,
      trigger: trigger.key,
      connection: onlyConnection(connections, trigger.manifest.name),
    },
    steps,
  };
}

/** Gives every action step without a connection the connector's only connection (steps of switch branches too), in place. */
function withConnections(steps: Step[], connections: Connection[]): Step[] {
  for (const step of allSteps<Step>(steps)) {
    if (step.type === 'action' && !step.connection) step.connection = onlyConnection(connections, step.connector ?? '');
  }
  return steps;
}

/** The draft of a recipe: its trigger and steps, named after it. */
export function draftFromRecipe(recipe: Recipe, connections: Connection[]): WorkflowDocument {
  return {
    name: recipe.displayName,
    trigger: { ...recipe.trigger, connection: onlyConnection(connections, recipe.trigger.connector) },
    steps: withConnections(JSON.parse(JSON.stringify(recipe.steps)) as Step[], connections),
  };
}
