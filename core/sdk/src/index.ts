/**
 * @wireup/sdk: what connectors use, and only that. Connectors import only this package; the
 * HTTP client's implementation, the batching queue and the logger are in `@wireup/runtime`.
 */
export * from './errors.ts';
export { defineErrorRegistry, formatProblems, type ErrorCodeEntry, type ErrorRegistry } from './error-registry.ts';
export * from './types.ts';
export type { Recipe } from './generated/manifest.ts';
export { defineConnector, defineTrigger, defineAction, manifestOf, type ConnectorSpec } from './define.ts';
export { definePollingTrigger, dedupeById, type PollingTriggerSpec } from './polling.ts';
export { validateManifest, assertValidManifest, connectorManifestSchema } from './validate-manifest.ts';
export { publishingProblems } from './publishing-problems.ts';
export { compileSchema, validateValue, toProblems } from './json-schema.ts';
export type { HttpClient, HttpRequest, HttpResponse, EgressAllowance } from './http.ts';
export {
  walkSteps,
  allSteps,
  mayRunBefore,
  branchesOf,
  pointerToken,
  type StepVisit,
  type BranchRef,
  type WalkOptions,
} from './step-walk.ts';
export { conditionOps, unaryConditionOps, type ConditionOp } from './condition-ops.ts';
