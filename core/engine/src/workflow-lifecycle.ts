/**
 * The workflow lifecycle: a draft becomes a running version, and stops again, in one place.
 * Publish validates the draft (schema, installed connectors, the connections it names), pins
 * marketplace connector versions, registers the provider webhooks the trigger needs (through
 * the WebhookRegistrar port), copies the draft into an immutable version and emits
 * `workflow.published`. Unpublish stops the version, shrinks the provider endpoint and emits
 * `workflow.unpublished`; deleting an unpublished workflow emits `workflow.deleted`. The API
 * routes call this service; the pair pages and the metrics subscribe to its events.
 */
import { type ValidationProblem } from '@wireup/sdk';
import { silentLogger, type Logger } from '@wireup/runtime';
import type { Store, WorkflowDocument, WorkflowRecord, WorkflowVersionRecord } from '@wireup/store';
import type { ConnectorCatalog } from './engine.ts';
import type { WebhookRegistrar, WebhookStatus } from './webhook-registrar.ts';
import { createWorkflowEvents, type WorkflowEventListener } from './workflow-events.ts';
import { checkWorkflowReferences } from './workflow-references.ts';
import { pinConnectorVersions } from './connector-uses.ts';
import { WorkflowInvalidError, WorkflowNotFoundError, WorkflowPublishedError } from './errors.ts';

export interface WorkflowLifecycleOptions {
  store: Store;
  connectors: ConnectorCatalog;
  /** Problems of a document against the schema and the installed connectors (the engine's `validateWorkflow`). */
  validate(document: unknown): ValidationProblem[];
  /** Keeps provider endpoints in line with the published workflows; none: nothing is registered. */
  webhooks?: WebhookRegistrar;
  /** Where failing event listeners are reported. Default: nowhere. */
  logger?: Logger;
}

/** What publish did. */
export interface PublishOutcome {
  version: WorkflowVersionRecord;
  /** The trigger's webhook (registered, or to configure by hand); null when the trigger needs none. */
  webhook: WebhookStatus | null;
  /** Provider failures that did not stop the publish (the previous trigger connection's endpoint). */
  warnings: string[];
}

export interface WorkflowLifecycle {
  /** Every problem of a document: schema and installed connectors first, then the connections it names. */
  problems(document: unknown): Promise<ValidationProblem[]>;
  /** The document when it has no problem; throws WORKFLOW_INVALID with them otherwise. */
  validate(document: unknown): Promise<WorkflowDocument>;
  /** Publishes the draft as a new version (see above). Throws NOT_FOUND, WORKFLOW_INVALID, or the registrar's refusal. */
  publish(id: string): Promise<PublishOutcome>;
  /** Stops the workflow; a workflow that was not published stays as it is (no event). Throws NOT_FOUND. */
  unpublish(id: string): Promise<{ record: WorkflowRecord; warnings: string[] }>;
  /** Deletes an unpublished workflow. Throws NOT_FOUND, or WORKFLOW_PUBLISHED when it is published. */
  delete(id: string): Promise<void>;
  /** Calls `listener` on every lifecycle event (workflow-events.ts); the returned function stops that. */
  subscribe(listener: WorkflowEventListener): () => void;
}

const passThrough: WebhookRegistrar = {
  publish: async (_id, _document, _previous, commit) => ({ value: await commit(), webhook: null, warnings: [] }),
  unpublish: async (_previous, commit) => ({ value: await commit(), warnings: [] }),
};

/** Creates the lifecycle service over the store and the installed connectors. */
export function createWorkflowLifecycle(options: WorkflowLifecycleOptions): WorkflowLifecycle {
  const { store, connectors } = options;
  const webhooks = options.webhooks ?? passThrough;
  const events = createWorkflowEvents(options.logger ?? silentLogger);
  const now = () => new Date().toISOString();

  const load = async (id: string): Promise<WorkflowRecord> => {
    const record = await store.workflows.get(id);
    if (!record) throw new WorkflowNotFoundError(id);
    return record;
  };
  const publishedDocument = async (record: WorkflowRecord): Promise<WorkflowDocument | null> =>
    record.publishedVersion === null
      ? null
      : ((await store.workflows.getVersion(record.id, record.publishedVersion))?.document ?? null);

  async function problems(document: unknown): Promise<ValidationProblem[]> {
    const found = options.validate(document);
    if (found.length) return found;
    return checkWorkflowReferences(store, document as WorkflowDocument);
  }

  /** The draft with marketplace connectors pinned to their newest installed version, saved when that added a pin. */
  async function pinnedDraft(record: WorkflowRecord): Promise<WorkflowDocument> {
    const pinned = pinConnectorVersions(record.draft, (name) => connectors.versions?.(name).at(-1));
    if (JSON.stringify(pinned) === JSON.stringify(record.draft)) return record.draft;
    await store.workflows.updateDraft(record.id, pinned);
    return pinned;
  }

  return {
    problems,
    async validate(document) {
      const found = await problems(document);
      if (found.length) throw new WorkflowInvalidError(found);
      return document as WorkflowDocument;
    },
    async publish(id) {
      const record = await load(id);
      const found = await problems(record.draft);
      if (found.length) throw new WorkflowInvalidError(found);
      const draft = await pinnedDraft(record);
      const {
        value: version,
        webhook,
        warnings,
      } = await webhooks.publish(id, draft, await publishedDocument(record), () => store.workflows.publish(id));
      if (!version) throw new WorkflowNotFoundError(id);
      void events.emit({
        type: 'workflow.published',
        workflowId: id,
        version: version.version,
        previousVersion: record.publishedVersion,
        document: version.document,
        at: now(),
      });
      return { version, webhook, warnings };
    },
    async unpublish(id) {
      const before = await load(id);
      const { value, warnings } = await webhooks.unpublish(await publishedDocument(before), () =>
        store.workflows.unpublish(id),
      );
      const record = value ?? (await load(id));
      if (before.publishedVersion !== null)
        void events.emit({ type: 'workflow.unpublished', workflowId: id, version: before.publishedVersion, at: now() });
      return { record, warnings };
    },
    async delete(id) {
      const outcome = await store.workflows.delete(id);
      if (outcome === 'missing') throw new WorkflowNotFoundError(id);
      if (outcome === 'published') throw new WorkflowPublishedError(id);
      void events.emit({ type: 'workflow.deleted', workflowId: id, at: now() });
    },
    subscribe: (listener) => events.subscribe(listener),
  };
}
