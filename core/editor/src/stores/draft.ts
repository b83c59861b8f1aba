/**
 * The workflow open in the editor: its draft under undo/redo, autosaved to the server a moment
 * after each edit with optimistic concurrency (the save names the revision it is based on; when
 * the server has moved on, the save is refused and the draft reloaded, never overwritten).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../api/api.ts';
import { ApiError } from '../api/http.ts';
import type { Problem, PublishResult, Workflow, WorkflowDocument } from '../api/types.ts';
import { useHistory, type History } from '../composables/use-history.ts';
import { problemsByNode } from '../lib/workflow-steps.ts';

/** How long after the last edit the draft is saved. */
export const AUTOSAVE_DELAY_MS = 400;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export const useDraftStore = defineStore('draft', () => {
  const workflow = ref<Workflow | null>(null);
  const history = shallowRef<History<WorkflowDocument> | null>(null);
  const saveState = ref<SaveState>('saved');
  const saveError = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const problems = ref<Problem[]>([]);
  const selected = ref<string | null>('trigger');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let dirty = false;

  const doc = computed(() => history.value?.present.value ?? null);
  const nodeProblems = computed(() => (doc.value ? problemsByNode(doc.value, problems.value) : {}));

  function adopt(view: Workflow): void {
    workflow.value = view;
    problems.value = view.problems ?? [];
  }

  /** Opens a workflow; undo history kept in this browser is restored when it ends at the server's draft. */
  async function open(id: string): Promise<void> {
    clearTimeout(timer);
    dirty = false;
    const view = await api.workflow(id);
    adopt(view);
    const h = useHistory<WorkflowDocument>(view.draft, { persistKey: `wireup:history:${id}` });
    h.reset(view.draft);
    history.value = h;
    saveState.value = 'saved';
    saveError.value = null;
    notice.value = null;
    if (selected.value !== 'trigger' && !JSON.stringify(view.draft).includes(`"id":"${selected.value}"`))
      selected.value = 'trigger';
  }

  async function save(): Promise<void> {
    if (!workflow.value || !history.value || !dirty) return;
    dirty = false;
    saveState.value = 'saving';
    const id = workflow.value.id;
    try {
      adopt(await api.saveWorkflow(id, history.value.present.value, workflow.value.revision));
      saveError.value = null;
      saveState.value = dirty ? 'pending' : 'saved';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'WORKFLOW_CHANGED') {
        await open(id);
        notice.value =
          'This workflow was changed elsewhere, so your last edit was not saved: the latest version is loaded.';
        return;
      }
      dirty = true;
      saveState.value = 'error';
      saveError.value = (error as Error).message;
    }
  }

  /** Saves now (waits for a save in flight first). */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    while (inFlight) await inFlight;
    if (!dirty) return;
    inFlight = save().finally(() => {
      inFlight = null;
    });
    await inFlight;
    if (dirty && saveState.value !== 'error') await flush();
  }

  function scheduleSave(): void {
    dirty = true;
    saveState.value = 'pending';
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }

  /** Records an edit (edits with the same `mergeKey` in a row are one undo step) and autosaves. */
  function edit(next: WorkflowDocument, mergeKey?: string): void {
    if (!history.value) return;
    history.value.commit(next, mergeKey);
    scheduleSave();
  }

  function undo(): void {
    if (history.value?.undo()) scheduleSave();
  }

  function redo(): void {
    if (history.value?.redo()) scheduleSave();
  }

  /** Publishes the saved draft; validation problems land on their nodes. */
  async function publish(): Promise<PublishResult> {
    await flush();
    const id = workflow.value!.id;
    try {
      const result = await api.publish(id);
      adopt(await api.workflow(id));
      return result;
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.details)) problems.value = error.details as Problem[];
      throw error;
    }
  }

  async function unpublish(): Promise<void> {
    await flush();
    await api.unpublish(workflow.value!.id);
    adopt(await api.workflow(workflow.value!.id));
  }

  return {
    workflow,
    history,
    doc,
    saveState,
    saveError,
    notice,
    problems,
    nodeProblems,
    selected,
    open,
    edit,
    undo,
    redo,
    flush,
    publish,
    unpublish,
  };
});
