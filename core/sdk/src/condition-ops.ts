/**
 * The operators of a filter condition, in the order the editor lists them. The engine's
 * evaluator, the workflow JSON Schema and the editor's operator list all read this one list.
 * It imports nothing, so the editor (a browser bundle) reaches it through the
 * `@wireup/sdk/condition-ops` subpath without pulling in the SDK's Node-side modules.
 */

/** Every operator, in the order the editor lists them. */
export const conditionOps = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
  'matches',
] as const;

/** Comparison operators of a filter condition. */
export type ConditionOp = (typeof conditionOps)[number];

/** Operators that do not read `right`. */
export const unaryConditionOps: ReadonlySet<ConditionOp> = new Set<ConditionOp>(['exists', 'not_exists']);
