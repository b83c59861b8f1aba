/**
 * The router (topic `events`): matches an accepted event to every published workflow whose
 * trigger it fires, creates one run per workflow (deterministic id, so repeating is harmless),
 * publishes each to `runs` keyed by workflow id, and only then marks the event routed.
 */
import type { Connector, TriggerDefinition } from '@wireup/sdk';
import type { EventRecord, PublishedWorkflow, RunRecord } from '@wireup/store';
import type { BusMessage } from '@wireup/bus';
import type { EngineContext } from './engine-context.ts';
import { pollEventTypeOf, runIdOf, runKeyOf, type EventMessage, type RunMessage } from './messages.ts';

const triggersByType = new WeakMap<Connector, Map<string, string[]>>();

/** The event type a trigger fires on: a webhook trigger's provider `event`, a polling trigger's `<connector>.<trigger>`. */
export function eventTypeOf(connector: Connector, trigger: TriggerDefinition): string | undefined {
  if (trigger.strategy === 'webhook') return trigger.event;
  if (trigger.strategy === 'polling') return pollEventTypeOf(connector.manifest.name, trigger.key);
  return undefined;
}

/** The keys of a connector's triggers that fire on an event type (cached per connector object). */
export function triggersFor(connector: Connector, eventType: string): string[] {
  let byType = triggersByType.get(connector);
  if (!byType) {
    byType = new Map();
    for (const t of connector.triggers.values()) {
      const type = eventTypeOf(connector, t);
      if (type) byType.set(type, [...(byType.get(type) ?? []), t.key]);
    }
    triggersByType.set(connector, byType);
  }
  return byType.get(eventType) ?? [];
}

async function workflowsFor(ctx: EngineContext, event: EventRecord): Promise<PublishedWorkflow[]> {
  const connector = ctx.connectors.get(event.connector);
  if (!connector) {
    ctx.observer.error(`Event ${event.key} is of connector ${event.connector}, which is not installed: no workflow runs for it.`, undefined);
    return [];
  }
  const lists = await Promise.all(triggersFor(connector, event.type).map((trigger) => ctx.store.workflows.listPublishedForTrigger(event.connector, trigger, event.connectionId)));
  const byId = new Map<string, PublishedWorkflow>();
  for (const w of lists.flat()) byId.set(w.workflowId, w);
  return [...byId.values()];
}

function newRun(workflow: PublishedWorkflow, event: EventRecord, now: string): RunRecord {
  return {
    id: runIdOf(workflow.workflowId, event.key),
    workflowId: workflow.workflowId,
    version: workflow.version,
    status: 'queued',
    event: { key: event.key, id: event.providerEventId, type: event.type },
    steps: [],
    replays: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Routes one event. Safe to repeat: runs are created once, and an event already routed is left alone. */
export async function routeEvent(ctx: EngineContext, eventKey: string): Promise<void> {
  const event = await ctx.store.events.get(eventKey);
  if (!event || event.status === 'routed') return;
  const now = new Date().toISOString();
  const workflows = await workflowsFor(ctx, event);
  await Promise.all(workflows.map(async (workflow) => {
    const { run, created } = await ctx.store.runs.createIfAbsent(newRun(workflow, event, now));
    if (created) ctx.observer.runUpdated(run);
    // Published even when the run already existed: the earlier attempt may have crashed before publishing.
    await ctx.bus.publish('runs', runKeyOf(run.workflowId, run.id, ctx.runLanes), { runId: run.id } satisfies RunMessage);
  }));
  await ctx.store.events.markRouted(eventKey);
}

/** The `events` topic handler. */
export function createRouter(ctx: EngineContext): (message: BusMessage<EventMessage>) => Promise<void> {
  return (message) => routeEvent(ctx, message.value.key);
}
