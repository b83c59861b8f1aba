/** @wireup/store: the Store port, its records, its errors and the rules every adapter shares. */
export type * from './records.ts';
export { runStatuses } from './records.ts';
export type * from './store.ts';
export * from './errors.ts';
export * from './run-updates.ts';
export * from './dead-letter-id.ts';
