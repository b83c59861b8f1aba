/**
 * EventRepository on MongoDB: `_id` = the dedupe key, so accepting twice hits the unique `_id`.
 * Accepts and marks are batched (insert-batcher.ts, update-batcher.ts); a new event answers
 * from what was inserted. Nothing is cached: the router and the executor get the event from
 * their bus messages, so only a replay or a resumed run reads one.
 */
import type { EventRecord, EventRepository, EventStatus } from '@wireup/store';
import { collections, fromJson, toJson, type DbRef } from './mongo-database.ts';
import { createInsertBatcher } from './insert-batcher.ts';
import { createUpdateBatcher } from './update-batcher.ts';

interface EventDoc {
  _id: string;
  connectionId: string;
  connector: string;
  providerEventId: string;
  type: string;
  payload: string;
  status: EventStatus;
  receivedAt: string;
}

const toRecord = (doc: EventDoc): EventRecord => ({
  key: doc._id,
  connectionId: doc.connectionId,
  connector: doc.connector,
  providerEventId: doc.providerEventId,
  type: doc.type,
  payload: fromJson(doc.payload),
  status: doc.status,
  receivedAt: doc.receivedAt,
});

export function createMongoEventRepository(db: DbRef): EventRepository {
  const col = () => db().collection<EventDoc>(collections.events);
  // An accept licenses the webhook's 2xx: acknowledged by a majority of the replica set and on
  // their journals, so neither a primary failover nor power loss takes it back.
  const insert = createInsertBatcher(col, { w: 'majority', journal: true });
  const update = createUpdateBatcher(col);
  const read = async (key: string): Promise<EventRecord | null> => {
    const doc = await col().findOne({ _id: key });
    return doc ? toRecord(doc) : null;
  };

  return {
    async accept(record) {
      const { key, payload, ...rest } = record;
      const doc: EventDoc = { _id: key, ...rest, payload: toJson(payload) };
      // A repeated delivery reads the stored status afresh: intake queues a still-`received` event again.
      if ((await insert(doc)) === 'duplicate') return { isNew: false, record: (await read(key))! };
      return { isNew: true, record: { ...record, payload: record.payload ?? null } };
    },
    get: read,
    async markRouted(key) {
      await update({ _id: key }, { $set: { status: 'routed' } });
    },
    async listUnrouted(limit) {
      const docs = await col()
        .find({ status: 'received' })
        .sort({ receivedAt: 1, _id: 1 })
        .limit(Math.max(1, limit))
        .toArray();
      return docs.map(toRecord);
    },
  };
}
