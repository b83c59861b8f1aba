/** @wireup/bus: the EventBus port, its errors, and the dispatch rules its adapters share. */
export * from './event-bus.ts';
export * from './errors.ts';
export * from './dead-letter.ts';
export * from './keyed-dispatcher.ts';
