/**
 * Every recipe the installed connectors offer (pair pages, "Set it up" links, README) is a
 * valid workflow against the action schemas, with template paths the trigger and earlier steps
 * have, and inputs that the trigger's sample renders into valid action inputs.
 */
import { describe, expect, it } from 'vitest';
import { checkRecipe } from '@wireup/engine';
import type { Recipe } from '@wireup/sdk';
import { createCatalog, firstPartyConnectors } from './installed-connectors.ts';

const catalog = createCatalog(firstPartyConnectors());
const recipes = catalog
  .list()
  .flatMap((c) => (c.manifest.recipes ?? []).map((r) => [`${c.manifest.name}.${r.key}`, r] as const));

describe('connector recipes', () => {
  it('Kustomer offers the Stripe failed-charge recipe', () => {
    expect(recipes.map(([name]) => name)).toContain('kustomer.stripe-charge-failed-conversation');
  });

  it.each(recipes)('%s is complete and valid against the action schemas', (_name, recipe) => {
    expect(checkRecipe(recipe, catalog)).toEqual([]);
  });

  it("the check refuses the old mapping of a Stripe customer id into a Kustomer conversation's customer", () => {
    const old: Recipe = {
      key: 'old',
      displayName: 'Old',
      description: 'The mapping the README used to show.',
      trigger: { connector: 'stripe', trigger: 'charge-failed' },
      steps: [
        {
          id: 'open-conversation',
          type: 'action',
          connector: 'kustomer',
          action: 'create-conversation',
          input: { customer: '{{trigger.data.object.customer}}', name: 'Payment failed: {{trigger.data.object.nmae}}' },
        },
      ],
    };
    expect(checkRecipe(old, catalog).map((p) => p.path)).toEqual(['/steps/0/input/name']);
    const spelt = {
      ...old,
      steps: [{ ...old.steps[0], input: { customer: '{{trigger.data.object.customer}}' } }],
    } as Recipe;
    expect(checkRecipe(spelt, catalog)).toEqual([
      expect.objectContaining({
        path: '/steps/0/input/customer',
        message: expect.stringMatching(/must match pattern.*cus_/),
      }),
    ]);
  });
});
