/**
 * The part of a manifest that catalog, app and pair pages show, computed once per connector.
 * Views of those pages read only summaries, so a summary's hash covers every input they use
 * from the manifest (a new sample payload does not rewrite 600 pair pages, only the step pages).
 */
import { allSteps, type ConnectorManifest } from '@wireup/sdk';
import { hashJson } from './hash.ts';
import { leafPaths } from './sample-paths.ts';

export interface TriggerSummary {
  key: string;
  displayName: string;
  description: string;
  strategy: 'webhook' | 'polling';
  event?: string;
  pollIntervalSeconds?: number;
  /** Scalar paths of the sample payload, for mapping suggestions. */
  samplePaths: string[];
}

export interface ActionSummary {
  key: string;
  displayName: string;
  description: string;
  /** Top-level input fields, required ones first. */
  inputs: string[];
}

/** One action step of a recipe: the action and its input mappings (templates shown as text). */
export interface RecipeStepSummary {
  id: string;
  action: string;
  mappings: Array<{ input: string; value: string }>;
}

/** A recipe the action app offers (manifest `recipes`), as a pair page shows it. */
export interface RecipeSummary {
  key: string;
  displayName: string;
  description: string;
  /** The trigger app and key. */
  triggerApp: string;
  trigger: string;
  /** Its action steps on this app, in order; the last is what the recipe does. */
  steps: RecipeStepSummary[];
}

/** What a pair page shows of its trigger app (A in A → B): nothing else of A may be read there. */
export interface TriggerSide {
  name: string;
  displayName: string;
  triggers: TriggerSummary[];
  actionCount: number;
  hash: string;
}

/** What a pair page shows of its action app (B in A → B). */
export interface ActionSide {
  name: string;
  displayName: string;
  actions: ActionSummary[];
  /** Recipes this app offers, whatever their trigger app. */
  recipes: RecipeSummary[];
  triggerCount: number;
  hash: string;
}

export interface AppSummary {
  name: string;
  displayName: string;
  description: string;
  categories: string[];
  triggers: TriggerSummary[];
  actions: ActionSummary[];
  /** Hash of everything above. */
  hash: string;
  /** The app as a pair page's trigger app and as its action app, each with its own hash: a pair page depends on A's trigger side and B's action side only. */
  asTrigger: TriggerSide;
  asAction: ActionSide;
}

function inputsOf(schema: Record<string, unknown>): string[] {
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return [...required.filter((r) => properties.includes(r)), ...properties.filter((p) => !required.includes(p))];
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The recipes of `m` whose action steps are its own (switch branches included, in document order). */
function recipesOf(m: ConnectorManifest): RecipeSummary[] {
  return (m.recipes ?? [])
    .map((r) => ({
      key: r.key,
      displayName: r.displayName,
      description: r.description,
      triggerApp: r.trigger.connector,
      trigger: r.trigger.trigger,
      steps: allSteps<{ id: string; type: string; connector?: unknown; action?: unknown; input?: unknown }>(r.steps)
        .filter((s) => s.type === 'action' && s.connector === m.name)
        .map((s) => ({
          id: s.id,
          action: String(s.action),
          mappings: Object.entries((s.input as Record<string, unknown> | undefined) ?? {}).map(([input, value]) => ({
            input,
            value: shown(value),
          })),
        })),
    }))
    .filter((r) => r.steps.length > 0);
}

/** Summarises one manifest. */
export function summarize(m: ConnectorManifest): AppSummary {
  const summary: Omit<AppSummary, 'hash' | 'asTrigger' | 'asAction'> = {
    name: m.name,
    displayName: m.displayName,
    description: m.description,
    categories: m.categories,
    triggers: m.triggers.map((t) => ({
      key: t.key,
      displayName: t.displayName,
      description: t.description,
      strategy: t.strategy,
      event: t.event,
      pollIntervalSeconds: t.pollIntervalSeconds,
      samplePaths: leafPaths(t.sample),
    })),
    actions: m.actions.map((a) => ({
      key: a.key,
      displayName: a.displayName,
      description: a.description,
      inputs: inputsOf(a.inputSchema),
    })),
  };
  const asTrigger = {
    name: m.name,
    displayName: m.displayName,
    triggers: summary.triggers,
    actionCount: m.actions.length,
  };
  const asAction = {
    name: m.name,
    displayName: m.displayName,
    actions: summary.actions,
    recipes: recipesOf(m),
    triggerCount: m.triggers.length,
  };
  return {
    ...summary,
    hash: hashJson(summary),
    asTrigger: { ...asTrigger, hash: hashJson(asTrigger) },
    asAction: { ...asAction, hash: hashJson(asAction) },
  };
}
