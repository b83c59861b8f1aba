/** Which trigger × action combinations of an app pair to show, and which is the most used. */
import type { ActionSide, ActionSummary, TriggerSide, TriggerSummary } from '../app-summary.ts';
import type { PairUsage } from '../usage-index.ts';

/** How many combinations the "Popular pairings" section shows. */
export const PAIRINGS_SHOWN = 9;

/** One trigger of app A wired to one action of app B. */
export interface Pairing {
  trigger: TriggerSummary;
  action: ActionSummary;
  /** Workflows using it, when usage data is known. */
  count?: number;
}

/**
 * The first `limit` pairings of A → B: those in `usage` by count (pairings whose trigger or
 * action no longer exists are skipped), then the rest in manifest order, trigger by trigger.
 */
export function topPairings(a: TriggerSide, b: ActionSide, usage: PairUsage[], limit = PAIRINGS_SHOWN): Pairing[] {
  const out: Pairing[] = [];
  const taken = new Set<string>();
  for (const u of usage) {
    if (out.length >= limit) return out;
    const trigger = a.triggers.find((t) => t.key === u.trigger);
    const action = b.actions.find((x) => x.key === u.action);
    if (!trigger || !action) continue;
    taken.add(`${trigger.key} ${action.key}`);
    out.push({ trigger, action, count: u.count });
  }
  for (const trigger of a.triggers) {
    for (const action of b.actions) {
      if (out.length >= limit) return out;
      if (!taken.size || !taken.has(`${trigger.key} ${action.key}`)) out.push({ trigger, action });
    }
  }
  return out;
}
