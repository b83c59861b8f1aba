/**
 * The router (topic `events`): matches an accepted event (carried whole by its message) to every
 * published workflow whose trigger it fires and publishes one run request each to `runs`, keyed
 * by workflow id and lane. The request carries the run's input (pinned workflow version, event,
 * payload) and a run id derived from workflow and event, so routing twice queues the same run
 * twice and the executor runs it once (a request is `fresh` only when the event message was, on its
 * first delivery: see messages.ts). The router writes nothing: the run record is created by
 * the executor's first write.
 */
import type { Connector, TriggerDefinition } from '@wireup/sdk';
import type { PublishedWorkflow } from '@wireup/store';
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

/** What routing needs of an event. */
type RoutedEvent = Required<
  Pick<EventMessage, 'key' | 'connectionId' | 'connector' | 'providerEventId' | 'type' | 'payload'>
>;

async function workflowsFor(ctx: EngineContext, event: RoutedEvent): Promise<PublishedWorkflow[]> {
  const connector = ctx.connectors.get(event.connector);
  if (!connector) {
    ctx.observer.error(
      `Event ${event.key} is of connector ${event.connector}, which is not installed: no workflow runs for it.`,
      undefined,
    );
    return [];
  }
  const lists = await Promise.all(
    triggersFor(connector, event.type).map((trigger) =>
      ctx.store.workflows.listPublishedForTrigger(event.connector, trigger, event.connectionId),
    ),
  );
  const byId = new Map<string, PublishedWorkflow>();
  for (const w of lists.flat()) byId.set(w.workflowId, w);
  return [...byId.values()];
}

function runRequest(workflow: PublishedWorkflow, event: RoutedEvent, now: string, fresh: boolean): RunMessage {
  return {
    ...(fresh ? { fresh } : {}),
    runId: runIdOf(workflow.workflowId, event.key),
    workflowId: workflow.workflowId,
    version: workflow.version,
    event: { key: event.key, id: event.providerEventId, type: event.type },
    trigger: event.payload,
    createdAt: now,
  };
}

/** The event of a message: carried whole, or (a message of an older Wireup) read from the store. */
async function eventOf(ctx: EngineContext, message: EventMessage): Promise<RoutedEvent | null> {
  if (message.type !== undefined && message.connector !== undefined && message.connectionId !== undefined) {
    return {
      key: message.key,
      connectionId: message.connectionId,
      connector: message.connector,
      providerEventId: message.providerEventId ?? '',
      type: message.type,
      payload: message.payload ?? null,
    };
  }
  const stored = await ctx.store.events.get(message.key);
  return (
    stored && {
      key: stored.key,
      connectionId: stored.connectionId,
      connector: stored.connector,
      providerEventId: stored.providerEventId,
      type: stored.type,
      payload: stored.payload,
    }
  );
}

/**
 * Routes one event. Safe to repeat: the run ids are derived, and the executor runs a run once.
 * `firstDelivery`: the bus knows no router was handed this message before; with a `fresh` event
 * message that makes the run requests fresh (RunMessage.fresh).
 */
export async function routeEvent(ctx: EngineContext, message: EventMessage, firstDelivery = false): Promise<void> {
  const event = await eventOf(ctx, message);
  if (!event) return;
  const now = new Date().toISOString();
  const workflows = await workflowsFor(ctx, event);
  await Promise.all(
    workflows.map((workflow) => {
      const request = runRequest(workflow, event, now, firstDelivery && message.fresh === true);
      return ctx.bus.publish('runs', runKeyOf(workflow.workflowId, request.runId, ctx.runLanes), request);
    }),
  );
}

/** The `events` topic handler. */
export function createRouter(ctx: EngineContext): (message: BusMessage<EventMessage>) => Promise<void> {
  return (message) => routeEvent(ctx, message.value, message.firstDelivery === true);
}
