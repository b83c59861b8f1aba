/** @wireup/bus-sqlite: the embedded adapter of the `EventBus` port, a durable outbox in a SQLite file. */
export * from './outbox-event-bus.ts';
