/**
 * @wireup/runtime: what the core runs connectors and adapters with, and connectors never import:
 * the HTTP client behind `ctx.http` (egress guard, agents, response caps), the batching queue
 * of the adapters' writes, the logger shape handed to the engine and the adapters.
 */
export { createHttpClient, DEFAULT_MAX_RESPONSE_BYTES, type HttpClientOptions } from './http-client.ts';
export {
  assertEgressAllowed,
  isPrivateAddress,
  addressRange,
  guardedLookup,
  egressAllowPrivateFromEnv,
  type Resolver,
} from './egress-guard.ts';
export { createEgressAgents, sharedEgressAgents, type EgressAgents } from './egress-agents.ts';
export { silentLogger, type Logger, type LogMethod } from './logger.ts';
export { createGroupSender, type Pending, type SendBatch } from './group-sender.ts';
