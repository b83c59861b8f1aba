/**
 * Test runs: a user starts a run of a workflow (its draft, or a published version) without the
 * provider, with the trigger's sample or an event that was delivered earlier. A test run is an
 * ordinary run marked `test: true`: it goes through the bus and the executor like every other
 * run, so its action steps call the real apps with the configured connections.
 *
 * What the executor cannot find by the run alone is kept beside it in the Store's key-value
 * repository (`test-run:<run id>`): the document as it was when the test began (a draft changes
 * under it), the trigger payload when it is not a stored event, and the outputs pinned in the
 * editor for earlier steps (a step test runs one step, reading those as if the steps had run).
 */
import { randomUUID } from 'node:crypto';
import type { RunRecord, WorkflowDocument } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { eventKeyOf, pollEventKeyOf, pollEventTypeOf, runIdOf, runKeyOf, type RunMessage } from './messages.ts';
import { eventTypeOf, triggersFor } from './router.ts';
import { ConnectorNotInstalledError, EventNotFoundError, EventNotForTriggerError } from './errors.ts';

/** What a test runs on: a stored event (by the provider's id, on the trigger connection), or a trigger payload given as is (a sample). */
export type TestTrigger = { eventId: string } | { sample: unknown };

/** What `Engine.testRun` needs. */
export interface TestRunRequest {
  workflowId: string;
  /** The document to run, kept with the run. */
  document: WorkflowDocument;
  /** The published version it is, or 0 for the draft. */
  version: number;
  trigger: TestTrigger;
  /** Outputs of steps the document does not run, readable by its templates (`{{steps.<id>.output}}`). */
  pinned?: Record<string, unknown>;
}

/** What is kept beside a test run. */
export interface TestRunSnapshot {
  document: WorkflowDocument;
  /** The trigger payload, when the run's event is not a stored one. */
  sample?: unknown;
  pinned?: Record<string, unknown>;
}

/** The key-value key of a test run's snapshot. */
export const testRunKeyOf = (runId: string): string => `test-run:${runId}`;

/** The event a test run reads: a stored event's identity, or one made up for a sample. */
async function eventOf(ctx: EngineContext, request: TestRunRequest, runId: string): Promise<RunRecord['event']> {
  const { connector: name, trigger: triggerKey } = request.document.trigger;
  const connector = ctx.connectors.get(name, (request.document.trigger as { version?: string }).version);
  const trigger = connector?.triggers.get(triggerKey);
  if (!connector || !trigger)
    throw new ConnectorNotInstalledError(
      `The trigger ${name}.${triggerKey} of workflow "${request.workflowId}" is not installed.`,
    );
  if ('eventId' in request.trigger) {
    const connectionId = request.document.trigger.connection;
    const { eventId } = request.trigger;
    const key =
      trigger.strategy === 'polling'
        ? pollEventKeyOf(connectionId, pollEventTypeOf(name, triggerKey), eventId)
        : eventKeyOf(connectionId, eventId);
    const event = await ctx.store.events.get(key);
    if (!event) throw new EventNotFoundError(request.trigger.eventId, connectionId);
    if (event.connector !== name || !triggersFor(connector, event.type).includes(triggerKey))
      throw new EventNotForTriggerError(event.providerEventId, event.type, `${name}.${triggerKey}`);
    return { key: event.key, id: event.providerEventId, type: event.type };
  }
  const sample = request.trigger.sample as { id?: unknown; type?: unknown } | null;
  const id = typeof sample?.id === 'string' ? sample.id : 'sample';
  return { key: `test:${runId}`, id, type: eventTypeOf(connector, trigger) ?? `${name}.${triggerKey}` };
}

/**
 * Creates a test run and queues it on `runs`; answers it as created (queued). Throws
 * CONNECTOR_NOT_INSTALLED for a trigger that is not installed, EVENT_NOT_FOUND (404) for an unknown event,
 * EVENT_NOT_FOR_TRIGGER (422) for an event the trigger does not fire on, and the bus's error when
 * it is down (the run then stays queued; recovery queues it again at the next start).
 */
export async function startTestRun(ctx: EngineContext, request: TestRunRequest): Promise<RunRecord> {
  const runId = runIdOf(request.workflowId, `test:${randomUUID()}`);
  const event = await eventOf(ctx, request, runId);
  const snapshot: TestRunSnapshot = {
    document: request.document,
    ...('sample' in request.trigger ? { sample: request.trigger.sample } : {}),
    ...(request.pinned && Object.keys(request.pinned).length ? { pinned: request.pinned } : {}),
  };
  // The snapshot first: the executor may pick the run up as soon as it exists.
  await ctx.store.kv.set(testRunKeyOf(runId), snapshot);
  const now = new Date().toISOString();
  const { run } = await ctx.store.runs.createIfAbsent({
    id: runId,
    workflowId: request.workflowId,
    version: request.version,
    status: 'queued',
    event,
    steps: [],
    replays: 0,
    test: true,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.bus.publish('runs', runKeyOf(run.workflowId, run.id, ctx.runLanes), { runId: run.id } satisfies RunMessage);
  return run;
}

/** The snapshot of a test run, or null when it is missing. */
export async function loadTestRun(ctx: EngineContext, run: RunRecord): Promise<TestRunSnapshot | null> {
  return ctx.store.kv.get<TestRunSnapshot>(testRunKeyOf(run.id));
}
