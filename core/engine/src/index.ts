/** @wireup/engine: the workflow model (schema, validation, templates, conditions) and its execution over the Store and EventBus ports. */
export type * from './engine.ts';
export type * from './workflow-types.ts';
export { createEngine } from './create-engine.ts';
export { workflowDocumentSchema } from './workflow-schema.ts';
export { validateWorkflowDocument } from './validate-workflow.ts';
export { workflowLimits, checkWorkflowLimits } from './workflow-limits.ts';
export {
  parseTemplate,
  parsePath,
  renderTemplate,
  renderString,
  resolvePath,
  findTemplates,
  type TemplateContext,
  type TemplateExpression,
  type ParsedTemplate,
  type TemplateReference,
} from './template.ts';
export { evaluateCondition, evaluateConditions, compare, type ConditionResult } from './conditions.ts';
/** The filter operators; the list lives in the SDK (`@wireup/sdk/condition-ops`) so the editor shares it. */
export { conditionOps } from '@wireup/sdk';
export { createRedactor, isSensitiveKey, REDACTED, type Redactor } from './redact.ts';
export { defaultRetryPolicy, resolveRetryPolicy, nextDelay } from './retry.ts';
export {
  eventKeyOf,
  runIdOf,
  idempotencyKeyOf,
  pollEventTypeOf,
  pollEventKeyOf,
  pollStateKeyOf,
  type EventMessage,
  type RunMessage,
} from './messages.ts';
export type { PollState } from './poll-once.ts';
export * from './errors.ts';
export { templateWarnings, schemaHasPath } from './template-warnings.ts';
export { triggersFor } from './router.ts';
export { DEFAULT_RUN_CONCURRENCY, DEFAULT_RUN_LANES } from './run-lanes.ts';
export { testRunKeyOf, type TestRunRequest, type TestTrigger, type TestRunSnapshot } from './test-run.ts';
export { recipeWorkflow } from './recipe-workflow.ts';
export { checkRecipe } from './check-recipe.ts';
export { connectorUses, pinConnectorVersions, type ConnectorUse } from './connector-uses.ts';
export { checkWorkflowReferences, publishedWorkflowsUsing, usesConnection } from './workflow-references.ts';
export {
  createWorkflowLifecycle,
  type WorkflowLifecycle,
  type WorkflowLifecycleOptions,
  type PublishOutcome,
} from './workflow-lifecycle.ts';
export {
  workflowEventTypes,
  type WorkflowEvent,
  type WorkflowEventType,
  type WorkflowEventListener,
  type WorkflowPublishedEvent,
  type WorkflowUnpublishedEvent,
  type WorkflowDeletedEvent,
} from './workflow-events.ts';
export type { WebhookRegistrar, WebhookStatus } from './webhook-registrar.ts';
