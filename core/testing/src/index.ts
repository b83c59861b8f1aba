export * from './memory/memory-store.ts';
export * from './memory/memory-event-bus.ts';
export * from './contracts/store-contract.ts';
export * from './contracts/bus-contract.ts';
export * from './fakes/index.ts';
export * from './connectors/index.ts';
/** The core's HTTP client (egress guard and all), for tests that build a connector's context by hand. */
export { createHttpClient } from '@wireup/runtime';
export { chromiumPath, chromiumFlags } from './browser/chromium.ts';
