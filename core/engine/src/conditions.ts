/**
 * Filter conditions. Both sides are rendered as templates first (a lone template keeps its
 * type). Comparisons are case-sensitive; `equals` treats a number and its decimal text as
 * equal (webhook payloads and templates mix the two), `gt`…`lte` compare numbers when both
 * sides read as numbers and otherwise strings (ISO dates order correctly as text). `matches`
 * runs on a linear-time engine with length caps (pattern.ts).
 */
import { unaryConditionOps } from '@wireup/sdk';
import type { Condition, ConditionGroup, ConditionOp } from './workflow-types.ts';
import { renderTemplate, type TemplateContext } from './template.ts';
import { testPattern } from './pattern.ts';

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined && (typeof a === 'number' || typeof b === 'number')) return na === nb;
  return String(a) === String(b);
}

function contains(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) return left.some((item) => isEqual(item, right));
  if (left === undefined || left === null) return false;
  return asText(left).includes(asText(right));
}

function order(left: unknown, right: unknown): number | undefined {
  const nl = asNumber(left);
  const nr = asNumber(right);
  if (nl !== undefined && nr !== undefined) return nl - nr;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

function exists(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Applies one operator to already-rendered values. */
export function compare(op: ConditionOp, left: unknown, right: unknown): boolean {
  switch (op) {
    case 'equals':
      return isEqual(left, right);
    case 'not_equals':
      return !isEqual(left, right);
    case 'contains':
      return contains(left, right);
    case 'not_contains':
      return !contains(left, right);
    case 'starts_with':
      return exists(left) && asText(left).startsWith(asText(right));
    case 'ends_with':
      return exists(left) && asText(left).endsWith(asText(right));
    case 'exists':
      return exists(left);
    case 'not_exists':
      return !exists(left);
    case 'matches':
      return exists(left) && testPattern(asText(right), asText(left));
    default: {
      const o = order(left, right);
      if (o === undefined) return false;
      return op === 'gt' ? o > 0 : op === 'gte' ? o >= 0 : op === 'lt' ? o < 0 : op === 'lte' ? o <= 0 : false;
    }
  }
}

/** One evaluated condition, as recorded in the run log. */
export interface ConditionResult {
  left: unknown;
  op: ConditionOp;
  right?: unknown;
  passed: boolean;
}

/** Renders and evaluates one condition. */
export function evaluateCondition(condition: Condition, context: TemplateContext): ConditionResult {
  const left = renderTemplate(condition.left, context);
  const right = unaryConditionOps.has(condition.op) ? undefined : renderTemplate(condition.right, context);
  return {
    left,
    op: condition.op,
    ...(right === undefined ? {} : { right }),
    passed: compare(condition.op, left, right),
  };
}

/** Evaluates a group: `all` needs every condition, `any` at least one. Every condition is evaluated so the log shows each. */
export function evaluateConditions(
  group: ConditionGroup,
  context: TemplateContext,
): { passed: boolean; mode: 'all' | 'any'; results: ConditionResult[] } {
  const mode = 'all' in group ? 'all' : 'any';
  const conditions = 'all' in group ? group.all : group.any;
  const results = conditions.map((c) => evaluateCondition(c, context));
  const passed = mode === 'all' ? results.every((r) => r.passed) : results.some((r) => r.passed);
  return { passed, mode, results };
}
