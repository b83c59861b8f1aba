/** @wireup/bus: the EventBus port and its embedded SQLite-outbox adapter. */
export * from './event-bus.ts';
export * from './errors.ts';
export * from './dead-letter.ts';
export * from './keyed-dispatcher.ts';
export * from './outbox-event-bus.ts';
