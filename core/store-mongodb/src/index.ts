/** @wireup/store-mongodb: the Store on MongoDB (official driver). Only the composition root imports it. */
export { createMongoStore, redactMongoUrl, type MongoStoreOptions } from './mongo-store.ts';
