/**
 * The headline scenario, set up through the public API: a Stripe connection, a Kustomer
 * connection (the fake), and the workflow "failed charges → Kustomer conversation" built from
 * the Kustomer connector's recipe.
 */
import kustomer from '@wireup/connector-kustomer';
import { recipeWorkflow } from '@wireup/engine';
import type { Harness } from './harness.ts';
import { stripeWebhookSecret } from './harness.ts';

export interface Scenario {
  stripeConnection: string;
  kustomerConnection: string;
  workflowId: string;
  webhookUrl: string;
}

/** The Kustomer recipe the README and the pair pages offer for failed Stripe charges. */
export const failedChargeRecipe = kustomer.manifest.recipes!.find(
  (r) => r.key === 'stripe-charge-failed-conversation',
)!;

/**
 * The workflow document of the headline scenario: a filter on the decline code, then the
 * recipe's steps (find or create the Kustomer customer, open a conversation on it).
 */
export function failedChargeWorkflow(
  stripeConnection: string,
  kustomerConnection: string,
  filterCode = 'card_declined',
) {
  const recipe = recipeWorkflow(failedChargeRecipe, { stripe: stripeConnection, kustomer: kustomerConnection });
  return {
    name: 'Failed charges to Kustomer',
    trigger: recipe.trigger,
    steps: [
      {
        id: 'declines-only',
        type: 'filter',
        when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: filterCode }] },
      },
      ...recipe.steps,
    ],
  };
}

/** Creates both connections and publishes the workflow; fails loudly on any non-2xx. */
export async function setUpScenario(h: Harness, options: { filterCode?: string } = {}): Promise<Scenario> {
  const must = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const stripe = must(
    await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe test',
      auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
    }),
    'stripe connection',
  );
  const kustomer = must(
    await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
    }),
    'kustomer connection',
  );
  const workflow = must(
    await h.api('POST', '/v1/workflows', failedChargeWorkflow(stripe.id, kustomer.id, options.filterCode)),
    'create workflow',
  );
  const published = must(await h.api('POST', `/v1/workflows/${workflow.id}/publish`), 'publish');
  return {
    stripeConnection: stripe.id,
    kustomerConnection: kustomer.id,
    workflowId: workflow.id,
    webhookUrl: published.webhookUrl,
  };
}
