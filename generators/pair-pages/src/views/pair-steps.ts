/** The five "How it works" steps of a pair page, built around its most-used pairing. */
import type { ActionSide, TriggerSide } from '../app-summary.ts';
import { suggestMapping } from '../sample-paths.ts';
import { WEBHOOK_TOKEN, webhookPath } from '../urls.ts';
import type { Pairing } from './pairings.ts';

/** A labelled piece of code shown under a step, e.g. `Webhook` / `POST /v1/webhooks/stripe/<token>`. */
export interface StepCode {
  label: string;
  value: string;
  /** Shown after `value` as a placeholder to fill in (`<token>`), styled as one. */
  placeholder?: string;
}

/** One step: a short label, a title, a sentence and optional code. */
export interface HowStep {
  number: number;
  label: string;
  title: string;
  text: string;
  code: StepCode[];
}

function every(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'every hour' : `every ${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'every minute' : `every ${seconds / 60} minutes`;
  return `every ${seconds} seconds`;
}

/** The trigger step's sentence and code: webhook registration or polling interval. */
function triggerStep(a: TriggerSide, p: Pairing): Pick<HowStep, 'text' | 'code'> {
  const t = p.trigger;
  if (t.strategy === 'webhook') {
    return {
      text: `Choose ${a.displayName} → ${t.displayName} as the trigger. Publishing gives the connection's webhook URL${t.event ? ` for ${a.displayName}'s ${t.event} event` : ''}, ending in its own secret token; Wireup registers it at ${a.displayName} when ${a.displayName} can reach it, or tells you where to add it, and checks the signature of every delivery.`,
      code: [{ label: 'Webhook', value: `POST ${webhookPath(a.name)}`, placeholder: WEBHOOK_TOKEN }],
    };
  }
  return {
    text: `Choose ${a.displayName} → ${t.displayName} as the trigger. There is no webhook to set up: Wireup asks ${a.displayName} for new items ${every(t.pollIntervalSeconds ?? 300)}.`,
    code: [],
  };
}

/** The action step: the recipe's actions and mappings when the pairing has a recipe, else one suggested mapping. */
function actionStep(a: TriggerSide, b: ActionSide, p: Pairing): Pick<HowStep, 'title' | 'text' | 'code'> {
  const recipe = p.recipe;
  if (recipe) {
    const names = recipe.steps.map((s) => b.actions.find((x) => x.key === s.action)?.displayName ?? s.action);
    return {
      title: recipe.steps.length > 1 ? `Add the ${b.displayName} actions` : `Add the ${b.displayName} action`,
      text: `The "${recipe.displayName}" recipe sets this up: ${names.map((n) => `${b.displayName} → ${n}`).join(', then ')}, with these fields mapped from the ${a.displayName} payload. ${recipe.description}`,
      code: recipe.steps.flatMap((s) => [
        { label: 'Action', value: `${b.name}.${s.action}` },
        ...s.mappings.map((m) => ({ label: m.input, value: m.value })),
      ]),
    };
  }
  const mapping = suggestMapping(p.trigger.samplePaths, p.action.inputs);
  return {
    title: `Add the ${b.displayName} action`,
    text: `Add ${b.displayName} → ${p.action.displayName} below it, then map fields of the ${a.displayName} payload into its inputs with templates.`,
    code: [
      { label: 'Action', value: `${b.name}.${p.action.key}` },
      ...(mapping ? [{ label: mapping.input, value: mapping.template }] : []),
    ],
  };
}

/** The five steps: connect, trigger, transform, action (the recipe's, or a suggested field mapping), publish. */
export function howItWorks(a: TriggerSide, b: ActionSide, p: Pairing): HowStep[] {
  return [
    {
      number: 1,
      label: 'Connect',
      title: `Connect ${a.displayName} and ${b.displayName}`,
      code: [],
      text: `Add a ${a.displayName} connection and a ${b.displayName} connection once each. Their keys are encrypted at rest and never shown again, and every workflow can use them.`,
    },
    { number: 2, label: 'Trigger', title: `Pick a ${a.displayName} trigger`, ...triggerStep(a, p) },
    {
      number: 3,
      label: 'Transform',
      title: 'Add a filter or an AI step (optional)',
      code: [],
      text: `Between trigger and action you can keep only the events you care about with a filter, branch with a switch, reshape data with a code step or classify it with an AI step.`,
    },
    { number: 4, label: 'Action', ...actionStep(a, b, p) },
    {
      number: 5,
      label: 'Publish',
      title: 'Publish it',
      code: [],
      text: `Publish the workflow and it runs on the next ${a.displayName} event. The run log shows each step's input and output; failed runs are retried, then kept where you can replay them.`,
    },
  ];
}
