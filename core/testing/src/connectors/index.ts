/** Connectors for tests only (never installed in the product). */
export { feedConnector } from './feed/index.ts';
