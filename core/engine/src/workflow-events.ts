/**
 * The workflow lifecycle's domain events, for whatever follows the published workflows in this
 * process (the pair pages' rebuild, the metrics). Listeners are called in the order they
 * subscribed, right after the change is stored; a listener's failure (thrown or rejected) is
 * logged and never fails the change nor stops the other listeners.
 */
import type { Logger } from '@wireup/runtime';
import type { WorkflowDocument } from '@wireup/store';

/** A version of the workflow started running (first publish, or a newer version replacing the running one). */
export interface WorkflowPublishedEvent {
  type: 'workflow.published';
  workflowId: string;
  version: number;
  /** The version that ran until now, if any. */
  previousVersion: number | null;
  document: WorkflowDocument;
  at: string;
}

/** The workflow stopped running; `version` is the one that ran until now. */
export interface WorkflowUnpublishedEvent {
  type: 'workflow.unpublished';
  workflowId: string;
  version: number;
  at: string;
}

/** An unpublished workflow was deleted (its versions stay with its runs). */
export interface WorkflowDeletedEvent {
  type: 'workflow.deleted';
  workflowId: string;
  at: string;
}

export type WorkflowEvent = WorkflowPublishedEvent | WorkflowUnpublishedEvent | WorkflowDeletedEvent;
export type WorkflowEventType = WorkflowEvent['type'];
/** The event types, for metrics and docs. */
export const workflowEventTypes: readonly WorkflowEventType[] = [
  'workflow.published',
  'workflow.unpublished',
  'workflow.deleted',
];

export type WorkflowEventListener = (event: WorkflowEvent) => void | Promise<void>;

export interface WorkflowEvents {
  /** Calls `listener` on every event from now on; the returned function stops that. */
  subscribe(listener: WorkflowEventListener): () => void;
  /** Calls every listener; resolves when the asynchronous ones settled (the lifecycle does not wait). */
  emit(event: WorkflowEvent): Promise<void>;
}

/** An in-process event channel; failures go to `log`. */
export function createWorkflowEvents(log: Logger): WorkflowEvents {
  const listeners = new Set<WorkflowEventListener>();
  const report = (event: WorkflowEvent) => (error: unknown) => {
    try {
      log.error({ err: error, event: event.type, workflowId: event.workflowId }, `a ${event.type} listener failed`);
    } catch {
      /* a logger that throws breaks nothing either */
    }
  };
  return {
    subscribe(listener) {
      // A wrapper per subscription, so subscribing the same function twice calls it twice.
      const entry: WorkflowEventListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    async emit(event) {
      const pending: Array<Promise<void>> = [];
      for (const listener of [...listeners]) {
        try {
          const result = listener(event);
          if (result && typeof result.then === 'function') pending.push(Promise.resolve(result).catch(report(event)));
        } catch (error) {
          report(event)(error);
        }
      }
      await Promise.all(pending);
    },
  };
}
