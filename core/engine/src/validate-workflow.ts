/**
 * Workflow validation: the JSON Schema first, then the rules a schema cannot say. Step ids are
 * unique across the whole workflow (switch branches included), connectors, triggers and
 * actions exist in the catalog (a trigger with what it needs to fire: a webhook handler, or a
 * poll function), required action inputs are mapped, templates read the trigger or a step
 * that runs earlier, a code step's code compiles and the workflow's codeLimits stay within
 * the server's maxima, and an AI step's JSON Schema compiles (with the openai connector
 * installed). Every
 * problem names its field: `/steps/2/action: unknown action "create-conversaton" of connector
 * kustomer (fix: one of create-conversation, …)`.
 */
import {
  compileSchema,
  toProblems,
  unaryConditionOps,
  type Connector,
  type JsonSchema,
  type ValidationProblem,
} from '@wireup/sdk';
import type { ConnectorCatalog } from './engine.ts';
import type {
  ActionStep,
  AiStep,
  CodeStep,
  Condition,
  ConditionGroup,
  FilterStep,
  SwitchStep,
  Workflow,
  WorkflowStep,
} from './workflow-types.ts';
import { workflowDocumentSchema } from './workflow-schema.ts';
import { findTemplates } from './template.ts';
import { compilePattern } from './pattern.ts';
import { oneOf } from './suggest.ts';
import { checkWorkflowLimits } from './workflow-limits.ts';
import { findCodeSyntaxError } from './code-syntax.ts';
import { AI_ACTION, AI_CONNECTOR } from './ai-step.ts';
import { codeLimitProblems, defaultCodeMaxima, type CodeLimits } from './code-limits.ts';
import { mayRunBefore, walkSteps, type StepVisit } from '@wireup/sdk';

/** What validation needs to know of the server besides its connectors. */
export interface ValidationOptions {
  /** The most a workflow's codeLimits may ask for. Default: defaultCodeMaxima. */
  codeMaxima?: CodeLimits;
}

type Problems = ValidationProblem[];

/** Step ids that may have run before the step being checked. */
type Scope = Set<string>;

interface Walk {
  catalog: ConnectorCatalog;
  problems: Problems;
  /** Where each id was first declared. */
  ids: Map<string, string>;
}

function checkTemplates(value: unknown, pointer: string, scope: Scope, problems: Problems): void {
  for (const t of findTemplates(value, pointer)) {
    const shown = `template "{{${t.raw}}}"`;
    const path = t.path;
    if (!path) {
      problems.push({
        path: t.pointer,
        message: `${shown} is not a valid path`,
        fix: 'write a dotted path such as {{trigger.data.object.id}} or {{steps.<id>.output.<field>}}',
      });
    } else if (path[0] === 'steps') {
      if (path.length < 3 || path[2] !== 'output') {
        problems.push({
          path: t.pointer,
          message: `${shown} does not read a step's output`,
          fix: 'write {{steps.<id>.output}} or {{steps.<id>.output.<field>}}',
        });
      } else if (!scope.has(path[1])) {
        problems.push({
          path: t.pointer,
          message: `${shown} reads step "${path[1]}", which does not run before this step`,
          fix: scope.size ? oneOf(path[1], [...scope]) : 'only the trigger can be read here: {{trigger.<path>}}',
        });
      }
    } else if (path[0] !== 'trigger') {
      problems.push({
        path: t.pointer,
        message: `${shown} reads "${path[0]}", which is not available`,
        fix: 'start the path with trigger or steps, e.g. {{trigger.data.object.id}}',
      });
    }
  }
}

function checkConditions(
  group: ConditionGroup,
  pointer: string,
  stepId: string,
  scope: Scope,
  problems: Problems,
): void {
  if ('all' in group && 'any' in group) {
    problems.push({
      path: pointer,
      message: 'has both all and any',
      fix: 'keep one: all (every condition holds) or any (at least one holds)',
    });
  }
  for (const mode of ['all', 'any'] as const) {
    const list = (group as Record<string, Condition[] | undefined>)[mode] ?? [];
    list.forEach((c, i) => {
      const at = `${pointer}/${mode}/${i}`;
      checkTemplates(c.left, `${at}/left`, scope, problems);
      if (unaryConditionOps.has(c.op)) return;
      if (!('right' in c))
        problems.push({
          path: `${at}/right`,
          message: `is required for op "${c.op}"`,
          fix: 'give the value to compare with',
        });
      checkTemplates(c.right, `${at}/right`, scope, problems);
      if (c.op === 'matches' && typeof c.right === 'string' && !c.right.includes('{{')) {
        try {
          compilePattern(c.right);
        } catch (error) {
          problems.push({
            path: `${at}/right`,
            message: `step "${stepId}", condition ${mode}[${i}]: ${(error as Error).message}`,
            fix: 'give an RE2 regular expression (no backreferences or lookaround) of at most 500 characters, e.g. ^card_',
          });
        }
      }
    });
  }
}

function actionInputProblems(step: ActionStep, pointer: string, schema: JsonSchema): Problems {
  const problems: Problems = [];
  const input = step.input ?? {};
  const name = `${step.connector}.${step.action}`;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (input[key] === undefined)
      problems.push({
        path: `${pointer}/input/${key}`,
        message: `is required by action ${name}`,
        fix: 'map a value or a template such as {{trigger.data.object.id}} to it',
      });
  }
  if (schema.additionalProperties === false) {
    for (const key of Object.keys(input)) {
      if (!(key in properties))
        problems.push({
          path: `${pointer}/input/${key}`,
          message: `is not an input of action ${name}`,
          fix: `remove it, or use ${oneOf(key, Object.keys(properties))}`,
        });
    }
  }
  return problems;
}

/** A pinned version that is not installed (the connector itself is). */
function missingVersion(
  catalog: ConnectorCatalog,
  name: string,
  version: string | undefined,
  pointer: string,
): ValidationProblem | null {
  if (!version || !catalog.get(name) || catalog.get(name, version)) return null;
  return {
    path: `${pointer}/version`,
    message: `version ${version} of connector ${name} is not installed`,
    fix: `install it, or use ${oneOf(version, catalog.versions?.(name) ?? [], 'another version')}`,
  };
}

function checkAction(step: ActionStep, pointer: string, walk: Walk): void {
  const missing = missingVersion(walk.catalog, step.connector, step.version, pointer);
  if (missing) {
    walk.problems.push(missing);
    return;
  }
  const connector = walk.catalog.get(step.connector, step.version);
  if (!connector) {
    walk.problems.push({
      path: `${pointer}/connector`,
      message: `unknown connector "${step.connector}"`,
      fix: `install it, or use ${oneOf(
        step.connector,
        walk.catalog.list().map((c) => c.manifest.name),
        'no connector is installed',
      )}`,
    });
    return;
  }
  const action = connector.actions.get(step.action);
  if (!action) {
    walk.problems.push({
      path: `${pointer}/action`,
      message: `unknown action "${step.action}" of connector ${step.connector}${step.version ? ` version ${step.version}` : ''}`,
      fix: oneOf(step.action, [...connector.actions.keys()], `connector ${step.connector} has no actions`),
    });
    return;
  }
  walk.problems.push(...actionInputProblems(step, pointer, action.inputSchema as JsonSchema));
}

function checkCode(step: CodeStep, at: string, scope: Scope, problems: Problems): void {
  checkTemplates(step.input, `${at}/input`, scope, problems);
  const error = findCodeSyntaxError(step.code);
  if (error) {
    const where = `line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`}`;
    problems.push({
      path: `${at}/code`,
      message: `step "${step.id}": ${error.message} at ${where}`,
      fix: 'correct the JavaScript; the code is the body of an async function of input, e.g. return { dollars: input.amount / 100 }',
    });
  }
}

function checkAi(step: AiStep, at: string, scope: Scope, walk: Walk): void {
  checkTemplates(step.prompt, `${at}/prompt`, scope, walk.problems);
  checkTemplates(step.system, `${at}/system`, scope, walk.problems);
  if (!walk.catalog.get(AI_CONNECTOR)?.actions.get(AI_ACTION)) {
    walk.problems.push({
      path: `${at}/type`,
      message: `AI steps need the ${AI_CONNECTOR} connector (its ${AI_ACTION} action), which is not installed`,
      fix: `install the ${AI_CONNECTOR} connector, or remove the step`,
    });
  }
  if (step.schema !== undefined) {
    if (step.output !== 'json')
      walk.problems.push({
        path: `${at}/schema`,
        message: 'is only used with output "json"',
        fix: 'set output to "json", or remove the schema',
      });
    try {
      compileSchema(step.schema);
    } catch (error) {
      walk.problems.push({
        path: `${at}/schema`,
        message: `is not a valid JSON Schema: ${(error as Error).message}`,
        fix: 'give a JSON Schema (draft-07), e.g. {"type":"object","required":["intent"],"properties":{"intent":{"enum":["refund","other"]}}}',
      });
    }
  }
}

/** Each step's own checks; templates may read the steps that can run before it (mayRunBefore). */
function checkSteps(steps: WorkflowStep[], walk: Walk): void {
  const seen: Array<StepVisit<WorkflowStep>> = [];
  for (const visit of walkSteps<WorkflowStep>(steps)) {
    const { step, pointer: at } = visit;
    const scope: Scope = new Set(
      seen.filter((earlier) => mayRunBefore(earlier, visit)).map((earlier) => earlier.step.id),
    );
    seen.push(visit);
    const first = walk.ids.get(step.id);
    if (first !== undefined)
      walk.problems.push({
        path: `${at}/id`,
        message: `step id "${step.id}" is already used at ${first}`,
        fix: 'give each step its own id (ids are unique across all branches)',
      });
    else walk.ids.set(step.id, at);
    switch (step.type) {
      case 'filter':
        checkConditions((step as FilterStep).when, `${at}/when`, step.id, scope, walk.problems);
        break;
      case 'action':
        checkTemplates((step as ActionStep).input, `${at}/input`, scope, walk.problems);
        checkAction(step as ActionStep, at, walk);
        break;
      case 'switch':
        checkTemplates((step as SwitchStep).on, `${at}/on`, scope, walk.problems);
        break;
      case 'code':
        checkCode(step as CodeStep, at, scope, walk.problems);
        break;
      case 'ai':
        checkAi(step as AiStep, at, scope, walk);
        break;
      default: {
        const unknown = step as { id: string; type: string };
        walk.problems.push({
          path: `${at}/type`,
          message: `step "${unknown.id}" is of type "${unknown.type}", which is not supported`,
          fix: 'use a filter, switch, action, code or ai step',
        });
      }
    }
  }
}

function checkTrigger(trigger: Workflow['trigger'], catalog: ConnectorCatalog, problems: Problems): void {
  const missing = missingVersion(catalog, trigger.connector, trigger.version, '/trigger');
  if (missing) {
    problems.push(missing);
    return;
  }
  const connector: Connector | undefined = catalog.get(trigger.connector, trigger.version);
  if (!connector) {
    problems.push({
      path: '/trigger/connector',
      message: `unknown connector "${trigger.connector}"`,
      fix: `install it, or use ${oneOf(
        trigger.connector,
        catalog.list().map((c) => c.manifest.name),
        'no connector is installed',
      )}`,
    });
    return;
  }
  const definition = connector.triggers.get(trigger.trigger);
  if (!definition) {
    problems.push({
      path: '/trigger/trigger',
      message: `unknown trigger "${trigger.trigger}" of connector ${trigger.connector}`,
      fix: oneOf(trigger.trigger, [...connector.triggers.keys()], `connector ${trigger.connector} has no triggers`),
    });
  } else if (definition.strategy === 'webhook' && !connector.webhook) {
    problems.push({
      path: '/trigger/trigger',
      message: `trigger "${trigger.trigger}" of connector ${trigger.connector} is a webhook trigger, but the connector takes no webhooks`,
      fix: 'use another trigger, or a version of the connector that handles its webhooks',
    });
  } else if (definition.strategy === 'polling' && typeof definition.poll !== 'function') {
    problems.push({
      path: '/trigger/trigger',
      message: `trigger "${trigger.trigger}" of connector ${trigger.connector} is a polling trigger without a poll function, so it can never fire`,
      fix: 'use another trigger, or a version of the connector that implements poll',
    });
  }
}

/** Every problem of a workflow document against the schema and the installed connectors (empty when valid). */
export function validateWorkflowDocument(
  document: unknown,
  catalog: ConnectorCatalog,
  options: ValidationOptions = {},
): ValidationProblem[] {
  const tooLarge = checkWorkflowLimits(document);
  if (tooLarge.length) return tooLarge;
  const validate = compileSchema(workflowDocumentSchema);
  if (!validate(document)) {
    // if/then picks the step type's schema; its own "must match then" error adds nothing.
    return toProblems((validate.errors ?? []).filter((e) => e.keyword !== 'if'));
  }
  const workflow = document as Workflow;
  const walk: Walk = { catalog, problems: [], ids: new Map() };
  checkTrigger(workflow.trigger, catalog, walk.problems);
  walk.problems.push(...codeLimitProblems(workflow.codeLimits, options.codeMaxima ?? defaultCodeMaxima));
  checkSteps(workflow.steps, walk);
  return walk.problems;
}
