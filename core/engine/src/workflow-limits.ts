/**
 * Size limits of a workflow document, checked before the schema (whose validator recurses) and
 * without recursion, so a document nested 20,000 levels deep is a clear problem, not a stack
 * overflow. The numbers are documented in docs/limits.md.
 */
import type { ValidationProblem } from '@wireup/sdk';
import { pointerToken, walkSteps } from '@wireup/sdk';

/** The limits of one workflow document. */
export const workflowLimits = {
  /** Serialized size, bytes. */
  bytes: 512 * 1024,
  /** Steps in total, switch branches included. */
  steps: 200,
  /** Switch steps inside switch steps. */
  branchDepth: 8,
  /** Nesting of objects and arrays in the whole document (a step's input included). */
  depth: 48,
  /** Characters of any string (templates, condition values, prompts). */
  stringLength: 10_000,
  /** Characters of the workflow's name and of any object key. */
  nameLength: 200,
  /** Characters of a step id. */
  stepIdLength: 64,
} as const;

const pointer = (path: string, key: string | number) => `${path}/${pointerToken(key)}`;

function checkShape(document: unknown, problems: ValidationProblem[]): void {
  const stack: Array<[unknown, string, number]> = [[document, '', 1]];
  while (stack.length && problems.length < 10) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string' && value.length > workflowLimits.stringLength) {
      problems.push({
        path,
        message: `is ${value.length} characters long, over the limit of ${workflowLimits.stringLength}`,
        fix: 'shorten it',
      });
    }
    if (!value || typeof value !== 'object') continue;
    if (depth > workflowLimits.depth) {
      problems.push({ path, message: `nests deeper than ${workflowLimits.depth} levels`, fix: 'flatten the value' });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key.length > workflowLimits.nameLength)
        problems.push({
          path,
          message: `has a key of ${key.length} characters, over the limit of ${workflowLimits.nameLength}`,
          fix: 'use shorter keys',
        });
      stack.push([child, pointer(path, key), depth + 1]);
    }
  }
}

function checkSteps(steps: unknown, count: { steps: number }, problems: ValidationProblem[]): void {
  // Branches deeper than the limit are not walked: their switch is the problem.
  for (const { step, pointer, depth } of walkSteps<{ id?: unknown; type?: unknown } | null>(steps, {
    maxDepth: workflowLimits.branchDepth,
  })) {
    count.steps += 1;
    if (typeof step?.id === 'string' && step.id.length > workflowLimits.stepIdLength) {
      problems.push({
        path: `${pointer}/id`,
        message: `is ${step.id.length} characters long, over the limit of ${workflowLimits.stepIdLength}`,
        fix: 'use a shorter kebab-case id',
      });
    }
    if (step?.type === 'switch' && depth + 1 > workflowLimits.branchDepth) {
      problems.push({
        path: pointer,
        message: `nests switch steps deeper than ${workflowLimits.branchDepth} levels`,
        fix: 'split the workflow or flatten the branches',
      });
    }
  }
}

/** Problems of a document that is too large, too deep or too long somewhere (empty when within the limits). */
export function checkWorkflowLimits(document: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  checkShape(document, problems);
  if (problems.length) return problems;
  const bytes = Buffer.byteLength(JSON.stringify(document) ?? '');
  if (bytes > workflowLimits.bytes)
    return [
      {
        path: '',
        message: `is ${bytes} bytes, over the limit of ${workflowLimits.bytes}`,
        fix: 'split it into several workflows',
      },
    ];
  const doc = document as { name?: unknown; steps?: unknown } | null;
  if (typeof doc?.name === 'string' && doc.name.length > workflowLimits.nameLength) {
    problems.push({
      path: '/name',
      message: `is ${doc.name.length} characters long, over the limit of ${workflowLimits.nameLength}`,
      fix: 'shorten the name',
    });
  }
  const count = { steps: 0 };
  checkSteps(doc?.steps, count, problems);
  if (count.steps > workflowLimits.steps)
    problems.push({
      path: '/steps',
      message: `has ${count.steps} steps, over the limit of ${workflowLimits.steps}`,
      fix: 'split it into several workflows',
    });
  return problems;
}
