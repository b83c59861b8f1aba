/** @wireup/sdk: what connectors and the core share. Connectors import only this package. */
export * from './errors.ts';
export { defineErrorRegistry, formatProblems, type ErrorCodeEntry, type ErrorRegistry } from './error-registry.ts';
export * from './types.ts';
export type { Recipe } from './generated/manifest.ts';
export { defineConnector, defineTrigger, defineAction, manifestOf, type ConnectorSpec } from './define.ts';
export { definePollingTrigger, dedupeById, type PollingTriggerSpec } from './polling.ts';
export { validateManifest, assertValidManifest, connectorManifestSchema } from './validate-manifest.ts';
export { publishingProblems } from './publishing-problems.ts';
export { compileSchema, validateValue, toProblems } from './json-schema.ts';
export { createHttpClient, DEFAULT_MAX_RESPONSE_BYTES, type HttpClient, type HttpRequest, type HttpResponse, type HttpClientOptions } from './http-client.ts';
export { assertEgressAllowed, isPrivateAddress, addressRange, guardedLookup, egressAllowPrivateFromEnv, type EgressAllowance, type Resolver } from './egress-guard.ts';
export { createEgressAgents, sharedEgressAgents, type EgressAgents } from './egress-agents.ts';
export { silentLogger, type Logger, type LogMethod } from './logger.ts';
export { createGroupSender, type Pending, type SendBatch } from './group-sender.ts';
