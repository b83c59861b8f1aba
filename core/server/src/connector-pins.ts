/**
 * Publish pins connector versions: a draft's trigger and action steps that name a marketplace
 * connector without a version get the newest installed one, written into the draft before it
 * is copied into the immutable version. Built-in connectors are not pinned (they ship with
 * Wireup). The draft keeps its pins, so what it shows is what it runs; moving to a newer
 * version is an explicit edit of `version`.
 */
import type { WorkflowDocument, WorkflowRecord } from '@wireup/store';
import { pinDocument } from '@wireup/marketplace';
import type { AppDeps } from './app-deps.ts';

/** The draft with its pins, saved when publish added any. */
export async function pinnedDraft(deps: AppDeps, record: WorkflowRecord): Promise<WorkflowDocument> {
  const newest = (name: string) => deps.catalog.versions?.(name).at(-1);
  const pinned = pinDocument(record.draft, newest);
  if (JSON.stringify(pinned) === JSON.stringify(record.draft)) return record.draft;
  await deps.store.workflows.updateDraft(record.id, pinned);
  return pinned;
}
