/**
 * Which connector versions a workflow uses. A published workflow version pins `{connector,
 * version}` for its trigger and every action step (the `version` field of each); publish fills
 * in the newest installed version where a draft names none. Built-in connectors are never
 * pinned: they ship with Wireup.
 */
import type { WorkflowDocument } from '@wireup/store';
import { walkSteps } from '@wireup/sdk';

/** One use of a connector in a workflow document. */
export interface ConnectorUse {
  connector: string;
  version?: string;
  /** `trigger`, or the step id. */
  step: string;
  kind: 'trigger' | 'action';
  /** Trigger or action key. */
  key: string;
}

interface StepLike {
  id: string;
  type: string;
  connector?: string;
  action?: string;
  version?: string;
}
interface DocumentLike {
  trigger: { connector: string; trigger: string; version?: string };
  steps: unknown[];
}

/** Every connector use of a document: the trigger first, then steps in order (switch branches included). */
export function connectorUses(document: WorkflowDocument): ConnectorUse[] {
  const d = document as unknown as DocumentLike;
  const out: ConnectorUse[] = [
    {
      connector: d.trigger.connector,
      version: d.trigger.version,
      step: 'trigger',
      kind: 'trigger',
      key: d.trigger.trigger,
    },
  ];
  for (const { step } of walkSteps<StepLike>(d.steps)) {
    if (step.type === 'action' && step.connector && step.action)
      out.push({ connector: step.connector, version: step.version, step: step.id, kind: 'action', key: step.action });
  }
  return out;
}

/** A copy of the document with a version on every unpinned use of an installed connector (`pick` answers its newest, or undefined for built-ins). */
export function pinConnectorVersions(
  document: WorkflowDocument,
  pick: (connector: string) => string | undefined,
): WorkflowDocument {
  const copy = structuredClone(document) as unknown as DocumentLike;
  const triggerVersion = copy.trigger.version ?? pick(copy.trigger.connector);
  if (triggerVersion) copy.trigger.version = triggerVersion;
  for (const { step } of walkSteps<StepLike>(copy.steps)) {
    if (step.type !== 'action' || !step.connector || step.version) continue;
    const version = pick(step.connector);
    if (version) step.version = version;
  }
  return copy as unknown as WorkflowDocument;
}
