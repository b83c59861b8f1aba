export * from './memory/memory-store.ts';
export * from './memory/memory-event-bus.ts';
