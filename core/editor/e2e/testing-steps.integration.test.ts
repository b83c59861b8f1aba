// @vitest-environment node
/**
 * Testing without the provider in a real browser (Debian's chromium through playwright-core)
 * against the real `wireup start`, stripe-mock and the fake Kustomer: "Listen for a test event"
 * catches a signed charge.failed sent to the trigger connection's webhook URL and the mapping tree
 * shows it; "Test step" runs the find-customer step for real (one Kustomer customer), its output
 * is pinned; the conversation step's test reads that pinned output (one conversation on that
 * customer); the pins survive a reload; the whole draft is tested from the trigger's panel; the Runs
 * view shows the test runs with a "Test" badge, and its Kind filter shows them alone.
 * Screenshots go to core/editor/test-output/ (15-… to 18-…).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { FakeKustomer } from '@wireup/testing';
import type { WireupProcess } from './wireup-process.ts';
import { chromiumPath } from './browser.ts';
import { chargeFailedEvent, postStripeEvent } from './stripe-webhook.ts';
import { kustomerApiKey, startEditorSession, type EditorSession } from './editor-session.ts';

const webhookSecret = 'whsec_e2e_testing_secret';
const token = 'e2e-token-testing-0123456789';

describe.skipIf(!existsSync(chromiumPath))('testing steps in the editor, in chromium', () => {
  let session: EditorSession;
  let kustomer: FakeKustomer;
  let wireup: WireupProcess;
  let context: BrowserContext;
  let page: Page;
  let violations: EditorSession['violations'];
  let shot: EditorSession['shot'];
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${wireup.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    session = await startEditorSession({ dataDirPrefix: 'wireup-editor-testing-', apiToken: token });
    ({ kustomer, wireup, context, page, violations, shot } = session);
  });

  afterAll(() => session?.close());

  it('listens for a test event, tests a step for real, pins its output for the next step, and shows the test runs', async () => {
    // Set up through the API (the headline browser test does it through the UI): two connections and the recipe as a draft.
    const stripe = await api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe',
      auth: { secretKey: 'sk_test_123', webhookSecret },
    });
    const kustomerConnection = await api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      auth: { apiKey: kustomerApiKey, baseUrl: kustomer.url },
    });
    const recipe = (await api('GET', '/v1/connectors/kustomer')).recipes.find(
      (r: { key: string }) => r.key === 'stripe-charge-failed-conversation',
    );
    const steps = recipe.steps.map((s: object) => ({ ...s, connection: kustomerConnection.id }));
    const workflow = await api('POST', '/v1/workflows?partial=true', {
      name: 'Tested before publishing',
      trigger: { ...recipe.trigger, connection: stripe.id },
      steps,
    });
    expect((await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token } })).status()).toBe(200);
    await page.goto(`${wireup.url}/editor/${workflow.id}`);
    const saved = page.getByRole('status').filter({ hasText: 'All changes saved' });

    // 1. The trigger's panel: listen, then Stripe (here: this test) sends a signed charge.failed to the webhook URL.
    await page.getByRole('button', { name: 'Listen for a test event' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting for the next event' }).waitFor();
    const event = chargeFailedEvent('evt_e2e_listened', {
      id: 'ch_e2e_listened',
      amount: 1500,
      currency: 'usd',
      customer: 'cus_e2e_listened',
      billing_details: { email: 'grace@example.com', name: 'Grace Hopper', phone: null },
      receipt_email: null,
    });
    const delivered = await postStripeEvent(stripe.webhookUrl, event, webhookSecret);
    expect(delivered.status).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Got charge.failed evt_e2e_listened' }).waitFor();
    await page.locator('summary', { hasText: '(test event)' }).first().waitFor();
    await page
      .locator('[data-template="{{trigger.data.object.id}}"]')
      .filter({ hasText: 'ch_e2e_listened' })
      .first()
      .waitFor();
    await saved.waitFor();
    await shot('15-listen-test-event');

    // 2. Test the find-customer step: the notice says it calls Kustomer; it does, once; pin the output.
    await page.locator('[data-node="find-customer"] .body').click();
    const findPanel = page.getByRole('region', { name: 'Test this step' });
    await findPanel.getByRole('note').filter({ hasText: 'it calls Kustomer with the chosen connection' }).waitFor();
    await findPanel.getByRole('button', { name: 'Test step' }).click();
    await findPanel.locator('pre.output').filter({ hasText: 'cus_e2e_listened' }).waitFor();
    expect(kustomer.customers.map((c) => c.attributes.externalId)).toEqual(['cus_e2e_listened']);
    const customerId = kustomer.customers[0].id;
    await findPanel.getByRole('button', { name: 'Pin as sample output' }).click();
    await findPanel.getByText('Output pinned').waitFor();
    await saved.waitFor();
    await shot('16-step-tested-pinned');

    // 3. The conversation step maps from the pinned output, and its test reads it: one conversation on that customer.
    await page.locator('[data-node="open-conversation"] .body').click();
    await page.locator('summary', { hasText: 'find-customer' }).filter({ hasText: '(pinned output)' }).waitFor();
    const conversationPanel = page.getByRole('region', { name: 'Test this step' });
    await conversationPanel.getByRole('button', { name: 'Test step' }).click();
    await conversationPanel.locator('.badge').filter({ hasText: 'succeeded' }).waitFor();
    expect(kustomer.conversations).toHaveLength(1);
    expect(kustomer.conversations[0].relationships.customer.data?.id).toBe(customerId);
    expect(kustomer.conversations[0].attributes.name).toBe('Payment failed: ch_e2e_listened');
    expect(kustomer.customers).toHaveLength(1);
    await shot('17-second-step-tested');

    // 4. The pins were saved with the draft: after a reload the tree still shows them.
    await page.reload();
    await page.locator('[data-node="open-conversation"] .body').click();
    await page.locator('summary', { hasText: 'find-customer' }).filter({ hasText: '(pinned output)' }).waitFor();
    await page.locator('summary', { hasText: '(test event)' }).first().waitFor();
    const draft = (await api('GET', `/v1/workflows/${workflow.id}`)).draft;
    expect(draft.pinned.steps['find-customer'].customer.id).toBe(customerId);
    expect(draft.pinned.trigger.id).toBe('evt_e2e_listened');

    // 5. The whole draft, from the trigger's panel, on the pinned test event: the customer is found this time, a second conversation opens.
    await page.locator('[data-node="trigger"] .body').click();
    const whole = page.getByRole('region', { name: 'Test the whole workflow' });
    await whole.getByRole('note').filter({ hasText: 'on the pinned test event, for real' }).waitFor();
    await whole.getByRole('button', { name: 'Test the workflow' }).click();
    await whole.locator('.badge').filter({ hasText: 'succeeded' }).waitFor();
    expect(kustomer.customers).toHaveLength(1);
    expect(kustomer.conversations).toHaveLength(2);
    expect(kustomer.conversations[1].relationships.customer.data?.id).toBe(customerId);

    // 6. The Runs view: the two step tests and the workflow test, each with a "Test" badge.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await expect
      .poll(() =>
        page
          .locator('tr.run-row')
          .filter({ has: page.locator('.badge.test') })
          .count(),
      )
      .toBe(3);
    await shot('18-runs-test-badge');
    // The Kind filter (`?test=`): no real run yet, the three test runs under "Test runs"; kept in the URL.
    await page.getByLabel('Kind').selectOption({ label: 'Real runs' });
    await page.waitForURL(/\/runs\?test=false$/);
    await page.getByText('No real runs.').waitFor();
    await page.getByLabel('Kind').selectOption({ label: 'Test runs' });
    await page.waitForURL(/\/runs\?test=true$/);
    await expect.poll(() => page.locator('tr.run-row').count()).toBe(3);
    await shot('18b-runs-test-only');
    expect(violations).toEqual({});
  });
});
