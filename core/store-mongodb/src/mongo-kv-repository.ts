/** KeyValueRepository on MongoDB: `_id` = key, the value as a JSON string. */
import type { KeyValueRepository } from '@wireup/store';
import { collections, fromJson, isDuplicateKey, toJson, type DbRef } from './mongo-database.ts';

interface KvDoc {
  _id: string;
  value: string;
}

export function createMongoKeyValueRepository(db: DbRef): KeyValueRepository {
  const col = () => db().collection<KvDoc>(collections.kv);
  const get = async <T>(key: string): Promise<T | null> => {
    const doc = await col().findOne({ _id: key });
    return doc ? fromJson<T>(doc.value) : null;
  };

  return {
    get,
    async set(key, value) {
      await col().updateOne({ _id: key }, { $set: { value: toJson(value) } }, { upsert: true });
    },
    async delete(key) {
      await col().deleteOne({ _id: key });
    },
    async setIfAbsent<T>(key: string, value: T) {
      try {
        await col().insertOne({ _id: key, value: toJson(value) });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      return (await get<T>(key))!;
    },
  };
}
