/** @wireup/sdk: what connectors and the core share. Connectors import only this package. */
export * from './errors.ts';
export * from './types.ts';
export { defineConnector, defineTrigger, defineAction, manifestOf, type ConnectorSpec } from './define.ts';
export { definePollingTrigger, dedupeById, type PollingTriggerSpec } from './polling.ts';
export { validateManifest, assertValidManifest, connectorManifestSchema } from './validate-manifest.ts';
export { compileSchema, validateValue, toProblems } from './json-schema.ts';
export { createHttpClient, type HttpClient, type HttpRequest, type HttpResponse, type HttpClientOptions } from './http-client.ts';
export { assertEgressAllowed, isPrivateAddress, egressAllowPrivateFromEnv } from './egress-guard.ts';
export { silentLogger, type Logger, type LogMethod } from './logger.ts';
export { createGroupSender, type Pending, type SendBatch } from './group-sender.ts';
