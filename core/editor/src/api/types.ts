/** The API's shapes as the editor uses them (see /openapi.json). */
import type { ConditionOp } from '@wireup/sdk/condition-ops';

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
};

export interface AuthField {
  key: string;
  label: string;
  description?: string;
  secret?: boolean;
  required?: boolean;
  default?: string;
  filledByRegistration?: boolean;
}

export interface TriggerManifest {
  key: string;
  displayName: string;
  description: string;
  strategy: 'webhook' | 'polling';
  event?: string;
  outputSchema: JsonSchema;
  sample: unknown;
}
export interface ActionManifest {
  key: string;
  displayName: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  sample?: unknown;
}

/** A ready-made workflow a connector offers (manifest `recipes`): the pair pages' "Set it up" links name one. */
export interface Recipe {
  key: string;
  displayName: string;
  description: string;
  trigger: { connector: string; trigger: string };
  steps: Step[];
}

export interface ConnectorManifest {
  name: string;
  version: string;
  displayName: string;
  description: string;
  icon?: string;
  categories?: string[];
  recipes?: Recipe[];
  auth: { kind: string; fields: AuthField[] };
  triggers: TriggerManifest[];
  actions: ActionManifest[];
}

export interface ConnectorSummary {
  name: string;
  version: string;
  displayName: string;
  description: string;
  triggers: string[];
  actions: string[];
}

export interface Connection {
  id: string;
  connector: string;
  name: string;
  auth: Record<string, string>;
  secrets: Record<string, 'set' | 'unset'>;
  createdAt: string;
  updatedAt: string;
}

export interface Problem {
  path: string;
  message: string;
  fix?: string;
}

export interface Condition {
  left: unknown;
  op: ConditionOp;
  right?: unknown;
}
export interface Step {
  id: string;
  type: 'filter' | 'switch' | 'action' | 'code' | 'ai';
  name?: string;
  connector?: string;
  action?: string;
  connection?: string;
  input?: Record<string, unknown>;
  when?: { all?: Condition[]; any?: Condition[] };
  on?: unknown;
  cases?: Record<string, Step[]>;
  default?: Step[];
  code?: string;
  prompt?: string;
  output?: 'text' | 'json';
}

/** Samples pinned in the editor, saved with the draft: a trigger event and step outputs (never read by real runs). */
export interface PinnedSamples {
  trigger?: unknown;
  steps?: Record<string, unknown>;
}

export interface WorkflowDocument {
  name: string;
  description?: string;
  trigger: { connector: string; trigger: string; connection: string };
  steps: Step[];
  pinned?: PinnedSamples;
}

export interface Workflow {
  id: string;
  name: string;
  status: 'draft' | 'published';
  publishedVersion: number | null;
  latestVersion: number;
  draft: WorkflowDocument;
  webhookUrl?: string;
  revision: string;
  problems?: Problem[];
  /** Template paths the schemas do not have (`{{trigger.data.nmae}}`): saved all the same. */
  warnings?: Problem[];
  createdAt: string;
  updatedAt: string;
}

export interface PublishResult {
  id: string;
  version: number;
  status: 'published';
  webhookUrl?: string;
  webhook?: Record<string, unknown>;
  warnings?: string[];
}

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'filtered';
export interface StepError {
  code: string;
  message: string;
  retriable?: boolean;
  details?: unknown;
}
export interface RunStep {
  id: string;
  type: string;
  status: string;
  input?: unknown;
  output?: unknown;
  error?: StepError;
  attempts: number;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
}
export interface Run {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  test?: boolean;
  event: { key: string; id: string; type: string };
  steps?: RunStep[];
  error?: StepError;
  replays: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface MarketplaceEntry {
  name: string;
  connector: string;
  displayName?: string;
  description?: string;
  categories?: string[];
  icon?: string;
  latest: string;
  versions: string[];
  installed: string[];
  triggers: string[];
  actions: string[];
}
export interface MarketplaceSearch {
  registry: string;
  indexedAt?: string;
  stale?: boolean;
  data: MarketplaceEntry[];
}
export interface Installation {
  connector: string;
  package: string;
  version: string;
  integrity: string;
  alreadyInstalled?: boolean;
  durationMs?: number;
}
export interface UpgradeChange {
  kind: string;
  item?: string;
  field?: string;
  message?: string;
}
/** A trigger or action the newer version adds (it breaks nothing). */
export interface UpgradeAddition {
  kind: 'trigger-added' | 'action-added';
  /** `triggers.<key>` or `actions.<key>`. */
  item: string;
  displayName: string;
  message?: string;
}
export interface UpgradeBreak {
  workflowId: string;
  workflowName?: string;
  workflowVersion?: number;
  step?: string;
  item?: string;
  reasons?: string[];
}
export interface UpgradeReport {
  connector: string;
  from: string;
  to: string;
  safe: boolean;
  changes: UpgradeChange[];
  /** Absent from a server older than this editor. */
  added?: UpgradeAddition[];
  breaks: UpgradeBreak[];
}

export interface WorkflowVersionSummary {
  version: number;
  publishedAt: string;
  running: boolean;
}
export interface WorkflowVersion {
  workflowId: string;
  version: number;
  publishedAt: string;
  document: WorkflowDocument;
}
