/**
 * The connections a workflow names: that they exist and belong to the right connector (the part
 * of validation that needs the store, which validateWorkflowDocument does not see), and, the
 * other way round, which published workflows use a connection (as trigger or in any step).
 */
import type { ValidationProblem } from '@wireup/sdk';
import type { Store } from '@wireup/store';
import { walkSteps } from '@wireup/sdk';
import { AI_CONNECTOR } from './ai-step.ts';

interface StepLike {
  type?: unknown;
  connector?: unknown;
  connection?: unknown;
}

/** Problems with the connections a (schema-valid) workflow document refers to. */
export async function checkWorkflowReferences(
  store: Store,
  document: { trigger: { connector: string; connection: string }; steps: unknown[] },
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const check = async (connectionId: unknown, connector: unknown, path: string) => {
    const connection = typeof connectionId === 'string' ? await store.connections.get(connectionId) : null;
    if (!connection)
      problems.push({
        path,
        message: `connection "${String(connectionId)}" does not exist`,
        fix: 'create it with POST /v1/connections and use its id',
      });
    else if (connection.connector !== connector)
      problems.push({
        path,
        message: `connection "${connection.id}" is a ${connection.connector} connection, not ${String(connector)}`,
        fix: `pick a ${String(connector)} connection`,
      });
  };
  await check(document.trigger.connection, document.trigger.connector, '/trigger/connection');
  for (const { step, pointer } of walkSteps<StepLike | null>(document.steps)) {
    if (step?.type === 'action') await check(step.connection, step.connector, `${pointer}/connection`);
    // AI steps use the chat action of an openai connection.
    if (step?.type === 'ai') await check(step.connection, AI_CONNECTOR, `${pointer}/connection`);
  }
  return problems;
}

/** Whether a workflow document uses the connection, as trigger or in any step (switch branches included). */
export function usesConnection(
  document: { trigger?: { connection?: unknown }; steps?: unknown },
  connectionId: string,
): boolean {
  if (document.trigger?.connection === connectionId) return true;
  for (const { step } of walkSteps<StepLike | null>(document.steps)) if (step?.connection === connectionId) return true;
  return false;
}

/** Ids of the published workflows whose published version uses the connection, as trigger or in any step (switch branches included). */
export async function publishedWorkflowsUsing(store: Store, connectionId: string): Promise<string[]> {
  const users: string[] = [];
  for (const workflow of await store.workflows.list()) {
    if (workflow.publishedVersion === null) continue;
    const version = await store.workflows.getVersion(workflow.id, workflow.publishedVersion);
    if (version && usesConnection(version.document, connectionId)) users.push(workflow.id);
  }
  return users;
}
