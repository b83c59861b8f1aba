/** Which trigger × action combinations of an app pair to show, and which is the most used. */
import type { ActionSide, ActionSummary, RecipeSummary, TriggerSide, TriggerSummary } from '../app-summary.ts';
import type { PairUsage } from '../usage-index.ts';

/** How many combinations the "Popular pairings" section shows. */
export const PAIRINGS_SHOWN = 9;

/** One trigger of app A wired to one action of app B. */
export interface Pairing {
  trigger: TriggerSummary;
  action: ActionSummary;
  /** Workflows using it, when usage data is known. */
  count?: number;
  /** The recipe B offers for this trigger whose last step is this action, when there is one. */
  recipe?: RecipeSummary;
}

/** The recipe of B for A's `trigger` that ends with `action`. */
export function recipeFor(a: TriggerSide, b: ActionSide, trigger: string, action: string): RecipeSummary | undefined {
  return b.recipes.find((r) => r.triggerApp === a.name && r.trigger === trigger && r.steps.at(-1)!.action === action);
}

/**
 * The first `limit` pairings of A → B: those in `usage` by count (pairings whose trigger or
 * action no longer exists are skipped), then B's recipes for A's triggers, then the rest in
 * manifest order, trigger by trigger. A pairing that ends a recipe carries it.
 */
export function topPairings(a: TriggerSide, b: ActionSide, usage: PairUsage[], limit = PAIRINGS_SHOWN): Pairing[] {
  const out: Pairing[] = [];
  const taken = new Set<string>();
  const add = (trigger: TriggerSummary, action: ActionSummary, count?: number): void => {
    taken.add(`${trigger.key} ${action.key}`);
    const recipe = recipeFor(a, b, trigger.key, action.key);
    out.push({ trigger, action, ...(count === undefined ? {} : { count }), ...(recipe ? { recipe } : {}) });
  };
  for (const u of usage) {
    if (out.length >= limit) return out;
    const trigger = a.triggers.find((t) => t.key === u.trigger);
    const action = b.actions.find((x) => x.key === u.action);
    if (!trigger || !action) continue;
    add(trigger, action, u.count);
  }
  // Then the recipes B offers for A's triggers: complete workflows, ready to set up.
  for (const r of b.recipes) {
    if (out.length >= limit) return out;
    const trigger = r.triggerApp === a.name ? a.triggers.find((t) => t.key === r.trigger) : undefined;
    const action = b.actions.find((x) => x.key === r.steps.at(-1)!.action);
    if (trigger && action && !taken.has(`${trigger.key} ${action.key}`)) add(trigger, action);
  }
  for (const trigger of a.triggers) {
    for (const action of b.actions) {
      if (out.length >= limit) return out;
      if (!taken.has(`${trigger.key} ${action.key}`)) add(trigger, action);
    }
  }
  return out;
}
