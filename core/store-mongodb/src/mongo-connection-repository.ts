/** ConnectionRepository on MongoDB: one document per connection, `_id` = id, unique webhookToken. */
import { StoreConflictError, type ConnectionRecord, type ConnectionRepository } from '@wireup/store';
import { collections, isDuplicateKey, type DbRef } from './mongo-database.ts';

interface ConnectionDoc extends Omit<ConnectionRecord, 'id'> {
  _id: string;
}

const toRecord = ({ _id, ...rest }: ConnectionDoc): ConnectionRecord => ({
  id: _id, connector: rest.connector, name: rest.name, authCiphertext: rest.authCiphertext, publicAuth: rest.publicAuth,
  webhookToken: rest.webhookToken, createdAt: rest.createdAt, updatedAt: rest.updatedAt,
});

export function createMongoConnectionRepository(db: DbRef): ConnectionRepository {
  const col = () => db().collection<ConnectionDoc>(collections.connections);

  return {
    async create(record) {
      const { id, ...rest } = record;
      try {
        await col().insertOne({ _id: id, ...rest });
      } catch (error) {
        if (isDuplicateKey(error)) throw new StoreConflictError(`A connection with id "${id}" or this webhook token already exists.`);
        throw error;
      }
      return toRecord((await col().findOne({ _id: id }))!);
    },
    async get(id) {
      const doc = await col().findOne({ _id: id });
      return doc ? toRecord(doc) : null;
    },
    async getByWebhookToken(token) {
      const doc = await col().findOne({ webhookToken: token });
      return doc ? toRecord(doc) : null;
    },
    async list() {
      return (await col().find().sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord);
    },
    async update(id, patch) {
      const set: Partial<ConnectionDoc> = { updatedAt: new Date().toISOString() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.authCiphertext !== undefined) set.authCiphertext = patch.authCiphertext;
      if (patch.publicAuth !== undefined) set.publicAuth = patch.publicAuth;
      const doc = await col().findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
      return doc ? toRecord(doc) : null;
    },
    async delete(id) {
      return (await col().deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
