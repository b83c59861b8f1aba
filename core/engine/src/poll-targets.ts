/**
 * Which polling targets should be polled: one per (connection, connector, polling trigger) of
 * every published workflow whose trigger is a pollable trigger of an installed connector.
 * Costs no query when no installed connector polls.
 */
import type { PollTarget } from './engine.ts';
import type { EngineContext } from './engine-context.ts';
import { isPollable, pollingConnectors } from './poll-once.ts';

/** The stable id of a target, used for its loop and in logs. */
export function pollTargetId(target: PollTarget): string {
  return `${target.connectionId}:${target.connector}.${target.trigger}`;
}

/** Every target some published workflow needs polled (deduplicated). */
export async function listPollTargets(ctx: EngineContext): Promise<PollTarget[]> {
  const names = new Set(pollingConnectors(ctx.connectors.list()).map((c) => c.manifest.name));
  if (names.size === 0) return [];
  const connections = (await ctx.store.connections.list()).filter((c) => names.has(c.connector));
  const targets = new Map<string, PollTarget>();
  for (const connection of connections) {
    for (const workflow of await ctx.store.workflows.listPublishedForConnection(connection.id)) {
      const { connector, trigger } = workflow.document.trigger;
      if (connector !== connection.connector || !isPollable(ctx.connectors.get(connector)?.triggers.get(trigger)))
        continue;
      const target: PollTarget = { connectionId: connection.id, connector, trigger };
      targets.set(pollTargetId(target), target);
    }
  }
  return [...targets.values()];
}

/** True while some published workflow still uses this target. */
export async function isPublished(ctx: EngineContext, target: PollTarget): Promise<boolean> {
  return (
    (await ctx.store.workflows.listPublishedForTrigger(target.connector, target.trigger, target.connectionId)).length >
    0
  );
}
