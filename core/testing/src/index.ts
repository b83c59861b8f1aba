export * from './memory/memory-store.ts';
export * from './memory/memory-event-bus.ts';
export * from './contracts/store-contract.ts';
export * from './contracts/bus-contract.ts';
export * from './fakes/index.ts';
export * from './connectors/index.ts';
