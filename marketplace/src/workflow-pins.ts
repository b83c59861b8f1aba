/**
 * Which connector versions workflows use. A published workflow version pins `{connector,
 * version}` for its trigger and every action step (the `version` field of each); publish fills
 * in the newest installed version where a draft names none. Built-in connectors are never
 * pinned: they ship with Wireup.
 */
import type { Store, WorkflowDocument } from '@wireup/store';

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

interface StepLike { id: string; type: string; connector?: string; action?: string; version?: string; cases?: Record<string, StepLike[]>; default?: StepLike[] }

function walk(steps: StepLike[] | undefined, out: ConnectorUse[]): void {
  for (const step of steps ?? []) {
    if (step.type === 'action' && step.connector && step.action) out.push({ connector: step.connector, version: step.version, step: step.id, kind: 'action', key: step.action });
    if (step.type === 'switch') {
      for (const branch of Object.values(step.cases ?? {})) walk(branch, out);
      walk(step.default, out);
    }
  }
}

/** Every connector use of a document: the trigger first, then steps in order (switch branches included). */
export function usesOf(document: WorkflowDocument): ConnectorUse[] {
  const d = document as unknown as { trigger: { connector: string; trigger: string; version?: string }; steps: StepLike[] };
  const out: ConnectorUse[] = [{ connector: d.trigger.connector, version: d.trigger.version, step: 'trigger', kind: 'trigger', key: d.trigger.trigger }];
  walk(d.steps, out);
  return out;
}

function pinSteps(steps: StepLike[] | undefined, pick: (connector: string) => string | undefined): StepLike[] | undefined {
  return steps?.map((step) => {
    if (step.type === 'action' && step.connector && !step.version) {
      const version = pick(step.connector);
      return version ? { ...step, version } : step;
    }
    if (step.type === 'switch') {
      return { ...step, cases: Object.fromEntries(Object.entries(step.cases ?? {}).map(([k, v]) => [k, pinSteps(v, pick)!])), ...(step.default ? { default: pinSteps(step.default, pick) } : {}) };
    }
    return step;
  });
}

/** The document with a version on every unpinned use of an installed connector (`pick` answers its newest, or undefined for built-ins). */
export function pinDocument(document: WorkflowDocument, pick: (connector: string) => string | undefined): WorkflowDocument {
  const d = document as unknown as { trigger: { connector: string; version?: string }; steps: StepLike[] };
  const triggerVersion = d.trigger.version ?? pick(d.trigger.connector);
  return {
    ...document,
    trigger: { ...d.trigger, ...(triggerVersion ? { version: triggerVersion } : {}) },
    steps: pinSteps(d.steps, pick),
  } as unknown as WorkflowDocument;
}

/** A published workflow version that uses a connector. */
export interface PublishedUse extends ConnectorUse {
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
}

/** Uses of `connector` (any version, or the one given) by the published version of every workflow. */
export async function publishedUses(store: Store, connector: string, version?: string): Promise<PublishedUse[]> {
  const out: PublishedUse[] = [];
  for (const record of await store.workflows.list()) {
    if (record.publishedVersion === null) continue;
    const published = await store.workflows.getVersion(record.id, record.publishedVersion);
    if (!published) continue;
    for (const use of usesOf(published.document)) {
      if (use.connector !== connector || (version && use.version !== version)) continue;
      out.push({ ...use, workflowId: record.id, workflowName: published.document.name, workflowVersion: published.version });
    }
  }
  return out;
}
