import { describe, expect, it } from 'vitest';
import type { Connection, Recipe, Step } from '../api/types.ts';
import { draftFromRecipe } from './new-workflow.ts';

const connection = (id: string, connector: string): Connection => ({
  id,
  connector,
  name: id,
  auth: {},
  secrets: {},
  createdAt: '',
  updatedAt: '',
});

describe('draftFromRecipe', () => {
  it("gives every action step, switch branches included, its connector's only connection, and leaves the recipe as it was", () => {
    const open = (id: string): Step => ({
      id,
      type: 'action',
      connector: 'kustomer',
      action: 'create-conversation',
      input: {},
    });
    const recipe: Recipe = {
      key: 'by-amount',
      displayName: 'By amount',
      description: 'Opens a conversation per failed charge.',
      trigger: { connector: 'stripe', trigger: 'charge-failed' },
      steps: [
        {
          id: 'big',
          type: 'switch',
          on: '{{trigger.data.object.currency}}',
          cases: { usd: [open('usd')] },
          default: [open('other')],
        },
        open('last'),
      ],
    };
    const draft = draftFromRecipe(recipe, [connection('conn_s', 'stripe'), connection('conn_k', 'kustomer')]);
    expect(draft.trigger.connection).toBe('conn_s');
    const sw = draft.steps[0];
    expect([sw.cases!.usd[0].connection, sw.default![0].connection, draft.steps[1].connection]).toEqual([
      'conn_k',
      'conn_k',
      'conn_k',
    ]);
    expect(recipe.steps[1].connection).toBeUndefined();
  });
});
