/**
 * The API calls of testing without the provider (docs/testing-workflows.md): a step test, a
 * test run of the whole draft, and "listen for a test event". They call the real apps.
 */
import { request } from './http.ts';
import type { Run, RunStep } from './types.ts';

/** What a step test answers: the run (marked test), the step's log entry, and what the trigger data was. */
export interface StepTestResult {
  run: Run;
  step?: RunStep;
  trigger: 'event' | 'pinned' | 'sample';
}

/** An event caught by "listen for a test event" (stored: a test may name it by `id`). */
export interface TestEvent {
  id: string;
  type: string;
  payload: unknown;
  receivedAt: string;
}

const path = (id: string) => `/v1/workflows/${encodeURIComponent(id)}`;

export const testApi = {
  /** Runs one step of the saved draft alone; answers once it finished (or 202 after `waitMs`). */
  testStep: (workflowId: string, stepId: string, body: { eventId?: string } = {}) =>
    request<StepTestResult>('POST', `${path(workflowId)}/steps/${encodeURIComponent(stepId)}/test`, body),
  /** Runs the whole saved draft (or the published version) as a test run. */
  testWorkflow: (workflowId: string, body: { eventId?: string; published?: boolean; waitMs?: number } = {}) =>
    request<Run>('POST', `${path(workflowId)}/test`, body),
  /** Waits (long poll, up to 8 s) for the next event delivered to the workflow's webhook URL; undefined when none came. */
  nextTestEvent: (workflowId: string, timeoutMs = 8000) =>
    request<{ event: TestEvent } | undefined>('GET', `${path(workflowId)}/test-event?timeoutMs=${timeoutMs}`).then(
      (r) => r?.event,
    ),
};
