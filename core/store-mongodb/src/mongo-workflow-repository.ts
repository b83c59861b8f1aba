/**
 * WorkflowRepository on MongoDB: drafts in `workflows`, immutable published copies in
 * `workflow_versions`. The unique (workflowId, version) index is what makes two concurrent
 * publishes pick different numbers. A published workflow carries its trigger in
 * `publishedTrigger`, indexed, so routing finds it without reading documents. Routing asks for
 * the published workflows of a trigger on every event, so the answers are kept for a short
 * while (recent-cache.ts); a publish or unpublish through this store clears them.
 */
import {
  StoreConflictError,
  type PublishedWorkflow,
  type WorkflowDocument,
  type WorkflowRecord,
  type WorkflowRepository,
  type WorkflowVersionRecord,
} from '@wireup/store';
import { collections, fromJson, isDuplicateKey, toJson, type DbRef } from './mongo-database.ts';
import { createRecentCache } from './recent-cache.ts';

interface TriggerRef {
  connector: string;
  trigger: string;
  connection: string;
}

interface WorkflowDoc {
  _id: string;
  draft: string;
  publishedVersion: number | null;
  latestVersion: number;
  publishedTrigger: TriggerRef | null;
  createdAt: string;
  updatedAt: string;
}

interface VersionDoc {
  _id: string;
  workflowId: string;
  version: number;
  document: string;
  publishedAt: string;
}

const MAX_PUBLISH_ATTEMPTS = 20;

const toWorkflow = (doc: WorkflowDoc): WorkflowRecord => ({
  id: doc._id,
  draft: fromJson<WorkflowDocument>(doc.draft),
  publishedVersion: doc.publishedVersion ?? null,
  latestVersion: doc.latestVersion,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const toVersion = (doc: VersionDoc): WorkflowVersionRecord => ({
  workflowId: doc.workflowId,
  version: doc.version,
  document: fromJson<WorkflowDocument>(doc.document),
  publishedAt: doc.publishedAt,
});

const toPublished = (doc: VersionDoc): PublishedWorkflow => ({
  workflowId: doc.workflowId,
  version: doc.version,
  document: fromJson<WorkflowDocument>(doc.document),
});

const versionId = (workflowId: string, version: number): string => `${workflowId}@${version}`;

function triggerOf(draft: WorkflowDocument): TriggerRef {
  const t = draft.trigger ?? { connector: '', trigger: '', connection: '' };
  return { connector: String(t.connector), trigger: String(t.trigger), connection: String(t.connection) };
}

export function createMongoWorkflowRepository(db: DbRef, cacheMs: number): WorkflowRepository {
  const workflows = () => db().collection<WorkflowDoc>(collections.workflows);
  const versions = () => db().collection<VersionDoc>(collections.workflowVersions);
  const publishedByTrigger = createRecentCache<PublishedWorkflow[]>(cacheMs, 10_000);

  const get = async (id: string): Promise<WorkflowRecord | null> => {
    const doc = await workflows().findOne({ _id: id });
    return doc ? toWorkflow(doc) : null;
  };

  const publishedVersions = async (filter: Record<string, string>): Promise<PublishedWorkflow[]> => {
    const live = await workflows()
      .find(filter, { projection: { _id: 1, publishedVersion: 1 } })
      .toArray();
    const ids = live.filter((w) => w.publishedVersion !== null).map((w) => versionId(w._id, w.publishedVersion!));
    if (ids.length === 0) return [];
    return (
      await versions()
        .find({ _id: { $in: ids } })
        .sort({ workflowId: 1 })
        .toArray()
    ).map(toPublished);
  };

  return {
    async create(id, draft) {
      const at = new Date().toISOString();
      try {
        await workflows().insertOne({
          _id: id,
          draft: toJson(draft),
          publishedVersion: null,
          latestVersion: 0,
          publishedTrigger: null,
          createdAt: at,
          updatedAt: at,
        });
      } catch (error) {
        if (isDuplicateKey(error)) throw new StoreConflictError(`Workflow "${id}" already exists.`);
        throw error;
      }
      return (await get(id))!;
    },
    get,
    async list() {
      return (await workflows().find().sort({ createdAt: 1, _id: 1 }).toArray()).map(toWorkflow);
    },
    async updateDraft(id, draft) {
      const doc = await workflows().findOneAndUpdate(
        { _id: id },
        { $set: { draft: toJson(draft), updatedAt: new Date().toISOString() } },
        { returnDocument: 'after' },
      );
      return doc ? toWorkflow(doc) : null;
    },
    async publish(id) {
      for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt += 1) {
        const doc = await workflows().findOne({ _id: id });
        if (!doc) return null;
        const version = doc.latestVersion + 1;
        const publishedAt = new Date().toISOString();
        const record: VersionDoc = {
          _id: versionId(id, version),
          workflowId: id,
          version,
          document: doc.draft,
          publishedAt,
        };
        try {
          await versions().insertOne(record);
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 * (attempt + 1))); // another publish took this number
          continue;
        }
        publishedByTrigger.clear();
        await workflows().updateOne(
          { _id: id, latestVersion: { $lt: version } },
          {
            $set: {
              publishedVersion: version,
              latestVersion: version,
              publishedTrigger: triggerOf(fromJson(doc.draft)),
              updatedAt: publishedAt,
            },
          },
        );
        return toVersion(record);
      }
      throw new StoreConflictError(`Workflow "${id}" is being published concurrently; try again.`);
    },
    async unpublish(id) {
      publishedByTrigger.clear();
      const doc = await workflows().findOneAndUpdate(
        { _id: id },
        { $set: { publishedVersion: null, publishedTrigger: null, updatedAt: new Date().toISOString() } },
        { returnDocument: 'after' },
      );
      return doc ? toWorkflow(doc) : null;
    },
    async delete(id) {
      if ((await workflows().deleteOne({ _id: id, publishedVersion: null })).deletedCount > 0) return 'deleted';
      return (await workflows().findOne({ _id: id }, { projection: { _id: 1 } })) ? 'published' : 'missing';
    },
    async getVersion(id, version) {
      const doc = await versions().findOne({ _id: versionId(id, version) });
      return doc ? toVersion(doc) : null;
    },
    async listPublishedForTrigger(connector, trigger, connectionId) {
      const key = `${connector}\u0000${trigger}\u0000${connectionId}`;
      const list = await publishedByTrigger.load(key, () =>
        publishedVersions({
          'publishedTrigger.connection': connectionId,
          'publishedTrigger.connector': connector,
          'publishedTrigger.trigger': trigger,
        }),
      );
      return [...(list ?? [])];
    },
    listPublishedForConnection(connectionId) {
      return publishedVersions({ 'publishedTrigger.connection': connectionId });
    },
  };
}
