/**
 * Carries the workflow lifecycle's domain events (`workflow.published`, `workflow.unpublished`,
 * `workflow.deleted`) to every other process of the deployment (broadcast.ts), so what follows
 * the published workflows there (the pair pages) hears a change made through any process. The
 * published workflow's document stays behind (it can be large, and the Store has it): the
 * message is the event without it. Metrics stay with the process that emitted the event, so
 * each event is counted once across the deployment. A notice the bus does not take (Kafka
 * down) is sent again in the background, a few times over about three minutes; a newer notice
 * of the same workflow replaces one still waiting (the others rebuild from the Store anyway).
 */
import {
  workflowEventTypes,
  type WorkflowDeletedEvent,
  type WorkflowLifecycle,
  type WorkflowPublishedEvent,
  type WorkflowUnpublishedEvent,
} from '@wireup/engine';
import type { Logger } from '@wireup/runtime';
import type { Broadcast } from './broadcast.ts';

/** Waits before each new attempt to send a notice the bus refused: 1 s doubling to 30 s, about 3 minutes in all. */
export const RESEND_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000];

/** A workflow event as another process hears it: a publish comes without its document. */
export type WorkflowEventNotice =
  Omit<WorkflowPublishedEvent, 'document'> | WorkflowUnpublishedEvent | WorkflowDeletedEvent;

/** Sends this process's workflow events to the others and calls `onRemote` with theirs. */
export function relayWorkflowEvents(
  workflows: Pick<WorkflowLifecycle, 'subscribe'>,
  broadcast: Broadcast,
  onRemote: (event: WorkflowEventNotice) => void | Promise<void>,
  options: { log: Logger; resendDelaysMs?: readonly number[] },
): void {
  if (!broadcast.shared) return;
  const { log, resendDelaysMs = RESEND_DELAYS_MS } = options;
  /** The timer of the notice waiting to be sent again, by workflow. */
  const waiting = new Map<string, NodeJS.Timeout>();
  const send = async (notice: { type: string; workflowId: string } & Record<string, unknown>, attempt: number) => {
    try {
      await broadcast.send(notice.workflowId, notice);
    } catch (error) {
      const fields = { err: error, event: notice.type, workflowId: notice.workflowId, attempt: attempt + 1 };
      const delayMs = resendDelaysMs[attempt];
      if (delayMs === undefined) {
        log.error(fields, 'the other processes did not hear this workflow event; their pages follow at the next one');
        return;
      }
      log.warn(
        { ...fields, retryInMs: delayMs },
        'the bus did not take a workflow event for the other processes; sending it again',
      );
      const timer = setTimeout(() => {
        if (waiting.get(notice.workflowId) !== timer) return;
        waiting.delete(notice.workflowId);
        void send(notice, attempt + 1);
      }, delayMs);
      // A notice still waiting never holds up the process's exit.
      timer.unref();
      waiting.set(notice.workflowId, timer);
    }
  };
  workflows.subscribe(async (event) => {
    const notice: { type: string; workflowId: string } & Record<string, unknown> = { ...event };
    delete notice.document;
    clearTimeout(waiting.get(event.workflowId));
    waiting.delete(event.workflowId);
    await send(notice, 0);
  });
  for (const type of workflowEventTypes) broadcast.on<WorkflowEventNotice>(type, onRemote);
}
