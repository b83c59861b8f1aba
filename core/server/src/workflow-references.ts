/**
 * Checks that the connections a workflow names exist and belong to the right connector:
 * the part of validation that needs the store, which the engine's validator does not see;
 * and, the other way round, which published workflows use a connection (trigger or any step).
 */
import type { ValidationProblem } from '@wireup/sdk';
import type { Store } from '@wireup/store';

interface StepLike { id?: unknown; type?: unknown; connector?: unknown; connection?: unknown; cases?: Record<string, unknown[]>; default?: unknown[] }

function* actionSteps(steps: unknown[], path: string): Generator<[StepLike, string]> {
  for (const [i, raw] of steps.entries()) {
    const step = (raw ?? {}) as StepLike;
    const here = `${path}/${i}`;
    if (step.type === 'action') yield [step, here];
    // AI steps use the chat action of an openai connection.
    if (step.type === 'ai') yield [{ ...step, connector: 'openai' }, here];
    if (step.type === 'switch') {
      for (const [value, branch] of Object.entries(step.cases ?? {})) if (Array.isArray(branch)) yield* actionSteps(branch, `${here}/cases/${value}`);
      if (Array.isArray(step.default)) yield* actionSteps(step.default, `${here}/default`);
    }
  }
}

/** Problems with the connections a (schema-valid) workflow document refers to. */
export async function checkWorkflowReferences(store: Store, document: { trigger: { connector: string; connection: string }; steps: unknown[] }): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const check = async (connectionId: unknown, connector: unknown, path: string) => {
    const connection = typeof connectionId === 'string' ? await store.connections.get(connectionId) : null;
    if (!connection) problems.push({ path, message: `connection "${String(connectionId)}" does not exist`, fix: 'create it with POST /v1/connections and use its id' });
    else if (connection.connector !== connector) problems.push({ path, message: `connection "${connection.id}" is a ${connection.connector} connection, not ${String(connector)}`, fix: `pick a ${String(connector)} connection` });
  };
  await check(document.trigger.connection, document.trigger.connector, '/trigger/connection');
  for (const [step, path] of actionSteps(document.steps, '/steps')) await check(step.connection, step.connector, `${path}/connection`);
  return problems;
}

function usesConnection(steps: unknown[], connectionId: string): boolean {
  return steps.some((raw) => {
    const step = (raw ?? {}) as StepLike;
    if (step.connection === connectionId) return true;
    const branches = [...Object.values(step.cases ?? {}), ...(Array.isArray(step.default) ? [step.default] : [])];
    return branches.some((branch) => Array.isArray(branch) && usesConnection(branch, connectionId));
  });
}

/** Ids of the published workflows whose published version uses the connection, as trigger or in any step (switch branches included). */
export async function publishedWorkflowsUsing(store: Store, connectionId: string): Promise<string[]> {
  const users: string[] = [];
  for (const workflow of await store.workflows.list()) {
    if (workflow.publishedVersion === null) continue;
    const version = await store.workflows.getVersion(workflow.id, workflow.publishedVersion);
    const document = version?.document;
    if (document && (document.trigger?.connection === connectionId || usesConnection(document.steps ?? [], connectionId))) users.push(workflow.id);
  }
  return users;
}
