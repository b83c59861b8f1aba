/**
 * ConnectionRepository on MongoDB: one document per connection, `_id` = id, unique webhookToken.
 * Every webhook delivery looks its connection up by token and every action by id, so found
 * connections are kept for a short while (recent-cache.ts); any write through this store clears
 * them. Callers get their own copies.
 */
import { StoreConflictError, type ConnectionRecord, type ConnectionRepository } from '@wireup/store';
import { collections, isDuplicateKey, type DbRef } from './mongo-database.ts';
import { createRecentCache } from './recent-cache.ts';

interface ConnectionDoc extends Omit<ConnectionRecord, 'id'> {
  _id: string;
}

const toRecord = ({ _id, ...rest }: ConnectionDoc): ConnectionRecord => ({
  id: _id,
  connector: rest.connector,
  name: rest.name,
  authCiphertext: rest.authCiphertext,
  publicAuth: rest.publicAuth,
  webhookToken: rest.webhookToken,
  createdAt: rest.createdAt,
  updatedAt: rest.updatedAt,
});

const copy = (record: ConnectionRecord): ConnectionRecord => ({ ...record, publicAuth: { ...record.publicAuth } });

export function createMongoConnectionRepository(db: DbRef, cacheMs: number): ConnectionRepository {
  const col = () => db().collection<ConnectionDoc>(collections.connections);
  const byId = createRecentCache<ConnectionRecord>(cacheMs, 10_000);
  const byToken = createRecentCache<ConnectionRecord>(cacheMs, 10_000);
  const forget = (): void => {
    byId.clear();
    byToken.clear();
  };

  return {
    async create(record) {
      forget();
      const { id, ...rest } = record;
      try {
        await col().insertOne({ _id: id, ...rest });
      } catch (error) {
        if (isDuplicateKey(error))
          throw new StoreConflictError(`A connection with id "${id}" or this webhook token already exists.`);
        throw error;
      }
      return toRecord((await col().findOne({ _id: id }))!);
    },
    async get(id) {
      const record = await byId.load(id, async () => {
        const doc = await col().findOne({ _id: id });
        return doc && toRecord(doc);
      });
      if (record) byToken.set(record.webhookToken, record);
      return record && copy(record);
    },
    async getByWebhookToken(token) {
      const record = await byToken.load(token, async () => {
        const doc = await col().findOne({ webhookToken: token });
        return doc && toRecord(doc);
      });
      if (record) byId.set(record.id, record);
      return record && copy(record);
    },
    async list() {
      return (await col().find().sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord);
    },
    async update(id, patch) {
      forget();
      const set: Partial<ConnectionDoc> = { updatedAt: new Date().toISOString() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.authCiphertext !== undefined) set.authCiphertext = patch.authCiphertext;
      if (patch.publicAuth !== undefined) set.publicAuth = patch.publicAuth;
      const doc = await col().findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
      return doc ? toRecord(doc) : null;
    },
    async delete(id) {
      forget();
      return (await col().deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
