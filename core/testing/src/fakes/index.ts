/** Fakes of third-party APIs, for tests. */
export * from './kustomer/index.ts';
export * from './stripe/index.ts';
export * from './feed/index.ts';
export * from './openai/index.ts';
