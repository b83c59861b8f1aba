/** @wireup/store-sqlite: the embedded adapter of the `Store` port (one SQLite file, better-sqlite3). */
export * from './sqlite-store.ts';
export type { SqliteEventRepository } from './sqlite-event-repository.ts';
