/**
 * The MongoDB connection of a MongoStore: client, database, collection names, indexes, and the
 * helpers every repository shares.
 *
 * User-supplied JSON (event payloads, workflow documents, step lists, kv values) is stored as a
 * JSON string, not as nested BSON: provider payloads may have keys with `.` or a leading `$`,
 * or arrays of arrays, which MongoDB-compatible servers may refuse (FerretDB 1.x refuses all
 * three). Nothing queries inside those values; the fields that are queried are plain BSON.
 */
import { MongoServerError, type Db, type IndexDescription } from 'mongodb';
import { StoreUnavailableError } from '@wireup/store';

export const collections = {
  connections: 'connections',
  workflows: 'workflows',
  workflowVersions: 'workflow_versions',
  events: 'events',
  runs: 'runs',
  kv: 'kv',
  deadLetters: 'dead_letters',
} as const;

/** Indexes created at start (idempotent). `_id` holds each record's id or key, unique by nature. */
const indexes: Record<string, IndexDescription[]> = {
  [collections.connections]: [
    { key: { webhookToken: 1 }, name: 'webhookToken_unique', unique: true },
    { key: { createdAt: 1, _id: 1 }, name: 'createdAt' },
  ],
  [collections.workflows]: [
    {
      key: { 'publishedTrigger.connection': 1, 'publishedTrigger.connector': 1, 'publishedTrigger.trigger': 1 },
      name: 'publishedTrigger',
    },
    { key: { createdAt: 1, _id: 1 }, name: 'createdAt' },
  ],
  [collections.workflowVersions]: [
    { key: { workflowId: 1, version: 1 }, name: 'workflowId_version_unique', unique: true },
  ],
  [collections.events]: [{ key: { status: 1, receivedAt: 1, _id: 1 }, name: 'status_receivedAt' }],
  [collections.runs]: [
    { key: { workflowId: 1, createdAt: -1, _id: -1 }, name: 'workflowId_createdAt' },
    { key: { status: 1, createdAt: -1, _id: -1 }, name: 'status_createdAt' },
    { key: { createdAt: -1, _id: -1 }, name: 'createdAt' },
  ],
};

/**
 * Creates the indexes that do not exist yet. Only missing ones are sent: FerretDB 1.24 drops the
 * connection (a server-side panic) when createIndexes names an index that already exists, which
 * made every restart on an existing database fail.
 */
export async function createIndexes(db: Db): Promise<void> {
  const existingCollections = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const [name, list] of Object.entries(indexes)) {
    const collection = db.collection(name);
    const existing = existingCollections.has(name)
      ? new Set((await collection.listIndexes().toArray()).map((i) => i.name as string))
      : new Set<string>();
    const missing = list.filter((index) => !existing.has(index.name!));
    if (missing.length) await collection.createIndexes(missing);
  }
}

/** Whether a write failed on a unique index (E11000). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** The database of a started store; repositories call it per operation. */
export type DbRef = () => Db;

export function notStarted(): never {
  throw new StoreUnavailableError('The MongoDB store is not started (call start() first).');
}

export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
