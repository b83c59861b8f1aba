/**
 * The upgrade report: what moving from one connector version to another changes (removed
 * triggers and actions, new required inputs, changed input types, removed output fields), and
 * which published workflows and steps that would break; also what it adds (new triggers and
 * actions), which breaks nothing. Nothing is changed by asking.
 */
import type { ConnectorManifest } from '@wireup/sdk';
import type { PublishedUse } from './workflow-pins.ts';

export interface ManifestChange {
  kind: 'trigger-removed' | 'action-removed' | 'input-required' | 'input-type-changed' | 'output-field-removed';
  /** `triggers.<key>` or `actions.<key>`. */
  item: string;
  field?: string;
  message: string;
}

/** A trigger or action the newer version has and the older one lacks. */
export interface ManifestAddition {
  kind: 'trigger-added' | 'action-added';
  /** `triggers.<key>` or `actions.<key>`. */
  item: string;
  displayName: string;
  message: string;
}

export interface BrokenStep {
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  step: string;
  item: string;
  reasons: string[];
}

export interface UpgradeReport {
  connector: string;
  from: string;
  to: string;
  /** Changes that can break a workflow using the connector. */
  changes: ManifestChange[];
  /** New triggers and actions, in manifest order (triggers first). */
  added: ManifestAddition[];
  breaks: BrokenStep[];
  /** True when no published workflow would break. */
  safe: boolean;
}

type Item = { key: string; displayName?: string; inputSchema?: Schema; outputSchema?: Schema };
type Schema = { type?: unknown; required?: string[]; properties?: Record<string, Schema> };

function typeOf(schema: Schema | undefined): string {
  return JSON.stringify(schema?.type ?? null);
}

function diffItem(kind: 'triggers' | 'actions', before: Item, after: Item): ManifestChange[] {
  const item = `${kind}.${before.key}`;
  const changes: ManifestChange[] = [];
  const oldInput = before.inputSchema ?? {};
  const newInput = after.inputSchema ?? {};
  for (const field of newInput.required ?? []) {
    if (!(oldInput.required ?? []).includes(field))
      changes.push({ kind: 'input-required', item, field, message: `input "${field}" is now required` });
  }
  for (const [field, schema] of Object.entries(newInput.properties ?? {})) {
    const old = oldInput.properties?.[field];
    if (old && typeOf(old) !== typeOf(schema))
      changes.push({
        kind: 'input-type-changed',
        item,
        field,
        message: `input "${field}" changed type from ${typeOf(old)} to ${typeOf(schema)}`,
      });
  }
  for (const field of Object.keys(before.outputSchema?.properties ?? {})) {
    if (!after.outputSchema?.properties?.[field])
      changes.push({ kind: 'output-field-removed', item, field, message: `output field "${field}" is gone` });
  }
  return changes;
}

/** The changes from manifest `from` to manifest `to`. */
export function diffManifests(from: ConnectorManifest, to: ConnectorManifest): ManifestChange[] {
  const changes: ManifestChange[] = [];
  for (const kind of ['triggers', 'actions'] as const) {
    const next = new Map((to[kind] as Item[]).map((i) => [i.key, i]));
    for (const item of from[kind] as Item[]) {
      const after = next.get(item.key);
      if (!after)
        changes.push({
          kind: kind === 'triggers' ? 'trigger-removed' : 'action-removed',
          item: `${kind}.${item.key}`,
          message: `${kind === 'triggers' ? 'trigger' : 'action'} "${item.key}" is removed`,
        });
      else changes.push(...diffItem(kind, item, after));
    }
  }
  return changes;
}

/** The triggers and actions `to` has that `from` lacks. */
export function addedItems(from: ConnectorManifest, to: ConnectorManifest): ManifestAddition[] {
  const added: ManifestAddition[] = [];
  for (const kind of ['triggers', 'actions'] as const) {
    const before = new Set((from[kind] as Item[]).map((i) => i.key));
    for (const item of to[kind] as Item[]) {
      if (before.has(item.key)) continue;
      const noun = kind === 'triggers' ? 'trigger' : 'action';
      added.push({
        kind: `${noun}-added`,
        item: `${kind}.${item.key}`,
        displayName: item.displayName ?? item.key,
        message: `${noun} "${item.key}" is new`,
      });
    }
  }
  return added;
}

/** The report for moving the uses pinned to `from` onto `to`. */
export function upgradeReport(from: ConnectorManifest, to: ConnectorManifest, uses: PublishedUse[]): UpgradeReport {
  const changes = diffManifests(from, to);
  const breaks: BrokenStep[] = [];
  for (const use of uses) {
    const item = `${use.kind === 'trigger' ? 'triggers' : 'actions'}.${use.key}`;
    const reasons = changes.filter((c) => c.item === item).map((c) => c.message);
    if (reasons.length)
      breaks.push({
        workflowId: use.workflowId,
        workflowName: use.workflowName,
        workflowVersion: use.workflowVersion,
        step: use.step,
        item,
        reasons,
      });
  }
  return {
    connector: from.name,
    from: from.version,
    to: to.version,
    changes,
    added: addedItems(from, to),
    breaks,
    safe: breaks.length === 0,
  };
}
