/**
 * Carries the workflow lifecycle's domain events (`workflow.published`, `workflow.unpublished`,
 * `workflow.deleted`) to every other process of the deployment (broadcast.ts), so what follows
 * the published workflows there (the pair pages) hears a change made through any process. The
 * published workflow's document stays behind (it can be large, and the Store has it): the
 * message is the event without it. Metrics stay with the process that emitted the event, so
 * each event is counted once across the deployment.
 */
import {
  workflowEventTypes,
  type WorkflowDeletedEvent,
  type WorkflowLifecycle,
  type WorkflowPublishedEvent,
  type WorkflowUnpublishedEvent,
} from '@wireup/engine';
import type { Broadcast } from './broadcast.ts';

/** A workflow event as another process hears it: a publish comes without its document. */
export type WorkflowEventNotice =
  Omit<WorkflowPublishedEvent, 'document'> | WorkflowUnpublishedEvent | WorkflowDeletedEvent;

/** Sends this process's workflow events to the others and calls `onRemote` with theirs. */
export function relayWorkflowEvents(
  workflows: Pick<WorkflowLifecycle, 'subscribe'>,
  broadcast: Broadcast,
  onRemote: (event: WorkflowEventNotice) => void | Promise<void>,
): void {
  if (!broadcast.shared) return;
  workflows.subscribe(async (event) => {
    const notice: { type: string } & Record<string, unknown> = { ...event };
    delete notice.document;
    await broadcast.send(event.workflowId, notice);
  });
  for (const type of workflowEventTypes) broadcast.on<WorkflowEventNotice>(type, onRemote);
}
