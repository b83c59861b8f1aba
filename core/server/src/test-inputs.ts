/**
 * What a test run or step test runs on, worked out from a workflow document: the trigger's
 * payload (a chosen event, the sample pinned in the editor, or the manifest's sample), the step
 * to test and its JSON pointer, and the problems that concern that step.
 */
import { walkSteps, type ValidationProblem } from '@wireup/sdk';
import type { ConnectorCatalog, PinnedSamples, TestTrigger } from '@wireup/engine';
import type { WorkflowDocument } from '@wireup/store';

/** Where the trigger's payload came from. */
export type TriggerSource = 'event' | 'pinned' | 'sample';

/**
 * The trigger a test runs on: the event `eventId` names (looked up by the engine), else the
 * trigger event pinned with the document, else the sample of the trigger's manifest.
 */
export function testTriggerOf(
  catalog: ConnectorCatalog,
  document: WorkflowDocument,
  eventId: string | undefined,
): { trigger: TestTrigger; source: TriggerSource } {
  if (eventId !== undefined) return { trigger: { eventId }, source: 'event' };
  const pinned = (document.pinned as PinnedSamples | undefined)?.trigger;
  if (pinned !== undefined) return { trigger: { sample: pinned }, source: 'pinned' };
  const { connector, trigger, version } = document.trigger as WorkflowDocument['trigger'] & { version?: string };
  const sample = catalog.get(connector, version)?.triggers.get(trigger)?.sample;
  return { trigger: { sample: sample ?? {} }, source: 'sample' };
}

export interface FoundStep {
  step: { id: string; type: string; [field: string]: unknown };
  /** Its JSON pointer in the document, e.g. `/steps/2` or `/steps/1/cases/refund/0`. */
  pointer: string;
}

/** Finds a step by id anywhere in the step tree (switch branches included; the SDK's one walker). */
export function findStep(steps: unknown, id: string): FoundStep | null {
  for (const { step, pointer } of walkSteps<FoundStep['step'] | null>(steps)) {
    if (step && typeof step === 'object' && step.id === id) return { step, pointer };
  }
  return null;
}

/** The problems of a document that keep one step from running: its own, the trigger's, and the document's outline. */
export function problemsOfStep(problems: ValidationProblem[], pointer: string): ValidationProblem[] {
  return problems.filter(
    (p) =>
      p.path === '' ||
      p.path === '/name' ||
      p.path === pointer ||
      p.path.startsWith(`${pointer}/`) ||
      p.path === '/trigger' ||
      p.path.startsWith('/trigger/'),
  );
}

/** The pinned step outputs a step test reads: every pinned output but the tested step's own. */
export function pinnedOutputs(document: WorkflowDocument, stepId: string): Record<string, unknown> {
  const steps = (document.pinned as PinnedSamples | undefined)?.steps ?? {};
  return Object.fromEntries(Object.entries(steps).filter(([id]) => id !== stepId));
}
