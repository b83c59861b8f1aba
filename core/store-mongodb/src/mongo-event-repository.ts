/** EventRepository on MongoDB: `_id` = the dedupe key, so accepting twice hits the unique `_id`. */
import type { EventRecord, EventRepository, EventStatus } from '@wireup/store';
import { collections, fromJson, isDuplicateKey, toJson, type DbRef } from './mongo-database.ts';

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
  key: doc._id, connectionId: doc.connectionId, connector: doc.connector, providerEventId: doc.providerEventId,
  type: doc.type, payload: fromJson(doc.payload), status: doc.status, receivedAt: doc.receivedAt,
});

export function createMongoEventRepository(db: DbRef): EventRepository {
  const col = () => db().collection<EventDoc>(collections.events);
  const get = async (key: string): Promise<EventRecord | null> => {
    const doc = await col().findOne({ _id: key });
    return doc ? toRecord(doc) : null;
  };

  return {
    async accept(record) {
      const { key, payload, ...rest } = record;
      try {
        await col().insertOne({ _id: key, ...rest, payload: toJson(payload) });
        return { isNew: true, record: (await get(key))! };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return { isNew: false, record: (await get(key))! };
      }
    },
    get,
    async markRouted(key) {
      await col().updateOne({ _id: key }, { $set: { status: 'routed' } });
    },
    async listUnrouted(limit) {
      const docs = await col().find({ status: 'received' }).sort({ receivedAt: 1, _id: 1 }).limit(Math.max(1, limit)).toArray();
      return docs.map(toRecord);
    },
  };
}
