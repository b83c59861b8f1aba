/**
 * TypeScript shapes of the workflow document (docs/architecture.md, "What it is"). The JSON
 * Schema in workflow-schema.ts is the source of truth; these types mirror it by hand because
 * the step union is recursive and reads better written out.
 */
import type { ConditionOp } from '@wireup/sdk';
import type { CodeLimits } from './code-limits.ts';

/** Comparison operators of a filter condition (the list lives in the SDK, shared with the editor). */
export type { ConditionOp } from '@wireup/sdk';

/** One comparison; `left` and `right` may be templates. `right` is unused by exists/not_exists. */
export interface Condition {
  left: unknown;
  op: ConditionOp;
  right?: unknown;
}

/** Every condition must hold (`all`) or at least one (`any`). */
export type ConditionGroup = { all: Condition[] } | { any: Condition[] };

interface StepBase {
  /** Kebab-case, unique in the workflow (switch branches included). */
  id: string;
  /** Optional label shown in the editor. */
  name?: string;
}

/** Stops the run (status `filtered`) unless its conditions hold. */
export interface FilterStep extends StepBase {
  type: 'filter';
  when: ConditionGroup;
}

/** Runs the branch whose key equals the rendered `on` value as text, else `default`. */
export interface SwitchStep extends StepBase {
  type: 'switch';
  on: unknown;
  cases: Record<string, WorkflowStep[]>;
  default?: WorkflowStep[];
}

/** Calls a connector action with the rendered `input`. */
export interface ActionStep extends StepBase {
  type: 'action';
  connector: string;
  /** Pinned connector version (marketplace connectors); absent in drafts that take the newest. */
  version?: string;
  action: string;
  connection: string;
  input?: Record<string, unknown>;
}

/**
 * Runs `code`, the body of an async function of `input` (the rendered input), in a sandbox;
 * its JSON return value is the step's output.
 */
export interface CodeStep extends StepBase {
  type: 'code';
  code: string;
  input?: Record<string, unknown>;
}

/**
 * Asks the chat model of an `openai` connection: output `{text}`, or with output "json" the
 * answer parsed and valid against `schema`.
 */
export interface AiStep extends StepBase {
  type: 'ai';
  connection: string;
  prompt: string;
  output?: 'text' | 'json';
  schema?: Record<string, unknown>;
  system?: string;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
}

export type WorkflowStep = FilterStep | SwitchStep | ActionStep | CodeStep | AiStep;

/** A validated workflow document. */
export interface Workflow {
  name: string;
  description?: string;
  trigger: { connector: string; trigger: string; connection: string; version?: string };
  steps: WorkflowStep[];
  /** Limits of this workflow's code steps, up to the server's maxima (see code-limits.ts). */
  codeLimits?: Partial<CodeLimits>;
  /** Samples pinned in the editor (see the schema); never read by runs the provider starts. */
  pinned?: PinnedSamples;
}

/** Samples pinned in the editor: what the mapping tree shows and step tests read. */
export interface PinnedSamples {
  /** A trigger event to use instead of the manifest's sample (e.g. one caught by "listen for a test event"). */
  trigger?: unknown;
  /** Outputs of steps, by step id (a step test's result, pinned). */
  steps?: Record<string, unknown>;
}
