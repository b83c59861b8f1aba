// @vitest-environment node
/**
 * The headline path in a real browser (Debian's chromium through playwright-core) against the
 * real `wireup start`, stripe-mock and the fake Kustomer: a new user opens the sign-in link,
 * follows "Set it up" from the Stripe + Kustomer pair page, creates both connections, maps
 * customer and name by dragging, publishes; a signed charge.failed sent to the shown webhook
 * URL opens one Kustomer conversation, and the run shows in the Runs view with its steps.
 * Screenshots of every view go to core/editor/test-output/; clicks and keystrokes are counted.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { FakeKustomer } from '@wireup/testing';
import { editorDist, type WireupProcess } from './wireup-process.ts';
import { createActor } from './actor.ts';
import { chargeFailedEvent, postStripeEvent } from './stripe-webhook.ts';
import { chromiumPath } from './browser.ts';
import { kustomerApiKey, outDir, startEditorSession, type EditorSession } from './editor-session.ts';

const webhookSecret = 'whsec_e2e_editor_secret';

describe.skipIf(!existsSync(chromiumPath))('the editor in chromium', () => {
  let session: EditorSession;
  let kustomer: FakeKustomer;
  let wireup: WireupProcess;
  let context: BrowserContext;
  let page: Page;
  /** Serious and critical accessibility violations per view (axe-core). */
  let violations: EditorSession['violations'];
  let shot: EditorSession['shot'];
  /** The headline workflow's webhook URL, for the later tests. */
  let publishedWebhookUrl = '';

  beforeAll(async () => {
    session = await startEditorSession({
      dataDirPrefix: 'wireup-editor-e2e-',
      apiToken: 'e2e-token-0123456789',
      // The registry the tests share (tools/services), instead of embedding one on 4873.
      env: { WIREUP_REGISTRY_URL: process.env.WIREUP_REGISTRY_URL ?? 'http://127.0.0.1:4874' },
    });
    ({ kustomer, wireup, context, page, violations, shot } = session);
  });

  afterAll(() => session?.close());

  it('goes from "Set it up" to a published workflow that opens a Kustomer conversation', async () => {
    const user = createActor(page);

    // 1. The sign-in link printed by `wireup start`.
    await page.goto(wireup.signInLink);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    await shot('01-workflows-empty');

    // 2. The pair page's "Set it up": the recipe (find or create the Kustomer customer, then open a conversation).
    await page.goto(`${wireup.url}/integrations/stripe/with/kustomer/`);
    await shot('02-pair-page', { axe: false }); // the pair pages are not the editor's
    await user.click(page.getByRole('link', { name: 'Set it up' }).first());
    await page.waitForURL(/\/editor\/wf_/);
    for (const node of ['trigger', 'find-customer', 'open-conversation'])
      await page.locator(`[data-node="${node}"]`).waitFor();
    await shot('03-editor-new-draft');

    // 3. The Stripe connection, from the trigger's panel (open by default).
    await user.click(page.getByRole('button', { name: 'New connection' }));
    await user.paste(page.getByLabel('Secret key'), 'sk_test_123');
    await user.paste(page.getByLabel('Webhook signing secret'), webhookSecret);
    await user.click(page.getByRole('button', { name: 'Create connection' }));
    await expect.poll(() => page.locator('#panel-trigger--connection').inputValue()).not.toBe('');

    // 4. The Kustomer connection, from the first Kustomer step; the second step gets it too.
    await user.click(page.locator('[data-node="find-customer"] .body'));
    await user.click(page.getByRole('button', { name: 'New connection' }));
    await user.paste(page.getByLabel('API key'), kustomerApiKey);
    await user.paste(page.getByLabel('API base URL'), kustomer.url);
    await user.click(page.getByRole('button', { name: 'Create connection' }));
    await expect.poll(() => page.locator('#panel-find-customer--connection').inputValue()).not.toBe('');
    await shot('04-step-panel-connection');
    await user.click(page.locator('[data-node="open-conversation"] .body'));
    await expect.poll(() => page.locator('#panel-open-conversation--connection').inputValue()).not.toBe('');
    const required = { ...user.effort };

    // 5. Map customer and name by dragging fields: first the mistake the type check catches (a
    // Stripe customer id where a Kustomer id goes), then the earlier step's Kustomer customer id.
    const customer = page.locator('#panel-open-conversation-customer');
    await user.clear(customer);
    await user.drag(page.locator('[data-template="{{trigger.data.object.customer}}"]').first(), customer);
    await expect.poll(() => customer.inputValue()).toBe('{{trigger.data.object.customer}}');
    await page.locator('.type-mismatch').filter({ hasText: 'not the form Customer takes' }).waitFor();
    await page.locator('[data-node="open-conversation"] .state.bad[title*="not the form Customer takes"]').waitFor();
    await shot('05-type-check');
    await user.clear(customer);
    await user.click(page.locator('summary[data-template="{{steps.find-customer.output.customer}}"]'));
    await user.drag(page.locator('[data-template="{{steps.find-customer.output.customer.id}}"]'), customer);
    await expect.poll(() => customer.inputValue()).toBe('{{steps.find-customer.output.customer.id}}');
    await expect.poll(() => page.locator('.type-mismatch').count()).toBe(0);
    const name = page.locator('#panel-open-conversation-name');
    await user.clear(name);
    await user.type(name, 'Card declined: ');
    await user.drag(page.locator('[data-template="{{trigger.data.object.id}}"]').first(), name);
    await expect.poll(() => name.inputValue()).toBe('Card declined: {{trigger.data.object.id}}');
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await page.locator('[data-node="open-conversation"] .state.ok').waitFor();
    await shot('06-mapped');

    // 6. Publish: the webhook URL is shown.
    await user.click(page.getByRole('button', { name: 'Publish', exact: true }));
    const webhookInput = page.locator('#webhook-url');
    await webhookInput.waitFor();
    const webhookUrl = await webhookInput.inputValue();
    publishedWebhookUrl = webhookUrl;
    expect(webhookUrl).toMatch(/\/v1\/webhooks\/stripe\/[A-Za-z0-9_-]{20,}$/);
    await shot('07-published');
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByRole('dialog').getByText('The draft is this version.').waitFor();
    await shot('07b-versions');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // 7. The Runs view, open while Stripe sends a signed charge.failed to that URL: the run shows
    // up live (server-sent events, no reload) and one conversation is opened in Kustomer.
    await user.click(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }));
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await shot('08a-runs-empty');
    const event = chargeFailedEvent('evt_e2e_editor_1', {
      id: 'ch_e2e_1',
      amount: 4200,
      currency: 'usd',
      customer: 'cus_e2e_customer',
      failure_message: 'Your card was declined.',
    });
    const delivered = await postStripeEvent(webhookUrl, event, webhookSecret);
    expect(delivered.status).toBe(200);
    const row = page.locator('tr.run-row').filter({ hasText: 'succeeded' });
    await row.waitFor();
    expect(kustomer.conversations).toHaveLength(1);
    const conversation = kustomer.conversations[0];
    expect(conversation.attributes.name).toBe('Card declined: ch_e2e_1');
    expect(kustomer.customers.map((c) => c.attributes.externalId)).toEqual(['cus_e2e_customer']);
    expect(conversation.relationships.customer.data?.id).toBe(kustomer.customers[0].id);
    await shot('08-runs');

    // 8. The run with its steps.
    await user.click(row.getByRole('link').first());
    await page.locator('li.step').filter({ hasText: 'open-conversation' }).filter({ hasText: 'succeeded' }).waitFor();
    expect(await page.locator('li.step').filter({ hasText: 'find-customer' }).textContent()).toContain(
      'cus_e2e_customer',
    );
    expect(await page.locator('li.step').filter({ hasText: 'open-conversation' }).textContent()).toContain(
      kustomer.customers[0].id,
    );
    expect(await page.locator('li.step').first().textContent()).toContain('1 attempt ·');
    // The run log shows no credential: the engine redacted the connections' secrets before writing it.
    for (const secret of [kustomerApiKey, webhookSecret, 'sk_test_123'])
      expect(await page.locator('main').textContent()).not.toContain(secret);
    await shot('09-run');

    const effort = { ...user.effort };
    writeFileSync(
      join(outDir, 'effort.json'),
      `${JSON.stringify({ recipeAsIs: { ...required, clicks: required.clicks + 1 }, withRemapping: effort }, null, 2)}\n`,
    );
    const lines = [
      'The headline path in chromium (core/editor/e2e/headline.integration.test.ts), counted by e2e/actor.ts:',
      'sign-in link → "Set it up" on /integrations/stripe/with/kustomer/ → Stripe and Kustomer connections → customer and name mapped by dragging → Publish → signed charge.failed → Runs view → the run.',
      `Set it up → connections → publish (the recipe as it is): ${required.clicks + 1} clicks, ${required.keystrokes} keystrokes, ${required.pastes} pastes (keys and URL)`,
      `Whole path (customer and name remapped by dragging, Runs view, the run): ${effort.clicks} clicks, ${effort.keystrokes} keystrokes, ${effort.pastes} pastes, ${effort.drags} drags`,
      'A paste is one click into the field and Ctrl+V (counted as a paste, not as keystrokes); a drag is one drag of a sample field onto an input; clearing a field is Ctrl+A, Backspace (2 keystrokes).',
    ];
    writeFileSync(join(outDir, 'headline-path.txt'), `${lines.join('\n')}\n`);
    for (const line of lines.slice(2, 4)) console.log(line);

    // The other views, for the screenshots.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.locator('table').getByText('Kustomer').first().waitFor();
    // Each setting by the manifest's label; secrets only as set or not set, never their keys or values.
    const stripeRow = page.locator('tr[data-connection]').filter({ hasText: 'Stripe' });
    const kustomerRow = page.locator('tr[data-connection]').filter({ hasText: 'Kustomer' });
    expect(await stripeRow.locator('.setting').allTextContents()).toEqual([
      'Secret key:set',
      'Webhook signing secret:set',
    ]);
    expect(await kustomerRow.locator('.setting').allTextContents()).toEqual([
      'API key:set',
      `API base URL:${kustomer.url}`,
      'Outbound webhook token:not set (filled in when you publish)',
    ]);
    const listed = await page.locator('table').textContent();
    for (const raw of [
      'secretKey',
      'webhookSecret',
      'apiKey',
      'baseUrl',
      'webhookToken',
      'sk_test_123',
      kustomerApiKey,
      webhookSecret,
    ])
      expect(listed).not.toContain(raw);
    await shot('10-connections');
    // Deleting the connection the published workflow uses is refused on its row, in the API's words, naming the workflow.
    page.once('dialog', (d) => void d.accept());
    await stripeRow.getByRole('button', { name: 'Delete Stripe' }).click();
    const refusal = page.locator('tr.refused').getByRole('alert');
    await refusal.filter({ hasText: 'is used by published workflows' }).waitFor();
    const usedBy = refusal.getByRole('link');
    expect(await usedBy.count()).toBe(1);
    expect(await usedBy.getAttribute('href')).toMatch(/^\/editor\/wf_/);
    expect(await usedBy.textContent()).not.toMatch(/^wf_/);
    expect(await stripeRow.count()).toBe(1);
    await shot('10b-connection-in-use');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
    await page.locator('td').getByText('succeeded').waitFor();
    await shot('11-workflows');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Marketplace' }).click();
    await page.getByText(/^\s*Registry /).waitFor({ timeout: 30_000 });
    await shot('12-marketplace');
    writeFileSync(join(outDir, 'axe.json'), `${JSON.stringify(violations, null, 2)}\n`);
    expect(violations).toEqual({});
  });

  it('shows a failed run live with its error, filters by status, and replays it', async () => {
    expect(publishedWebhookUrl).not.toBe('');
    expect(
      (await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token: 'e2e-token-0123456789' } })).status(),
    ).toBe(200);
    await page.goto(`${wireup.url}/runs`);
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // Kustomer refuses the conversation once (a 400 is not retried): the run fails, and shows up in the filtered list by itself.
    kustomer.failNext(1, {
      status: 400,
      method: 'POST',
      path: '/v1/conversations',
      body: { errors: [{ status: 400, code: 'invalid', title: 'Bad Request', detail: 'priority is out of range' }] },
    });
    const event = chargeFailedEvent('evt_e2e_editor_2', { id: 'ch_e2e_2', customer: 'cus_e2e_customer' });
    expect((await postStripeEvent(publishedWebhookUrl, event, webhookSecret)).status).toBe(200);
    const row = page.locator('tr.run-row').filter({ hasText: 'evt_e2e_editor_2' });
    await row.filter({ hasText: 'failed' }).waitFor();
    expect(await page.locator('tr.run-row').count()).toBe(1);
    await shot('15-runs-failed');
    await row.getByRole('link').first().click();
    const step = page.locator('li.step').filter({ hasText: 'open-conversation' });
    await step.filter({ hasText: 'failed' }).waitFor();
    expect(await step.textContent()).toContain('priority is out of range');
    await shot('16-run-failed');
    // Replay: the customer step is kept, the conversation step runs again and the page follows it live.
    await page.getByRole('button', { name: 'Replay' }).click();
    await step.filter({ hasText: 'succeeded' }).waitFor();
    await page.locator('#run-title + .badge.succeeded').waitFor();
    expect(await page.locator('main').textContent()).toContain('replayed 1 time');
    expect(kustomer.conversations.map((c) => c.attributes.name)).toContain('Card declined: ch_e2e_2');
    await shot('17-run-replayed');
    expect(violations).toEqual({});
  });

  it('checks credentials when a connection is saved, deletes it, signs out, and signs in with the API token', async () => {
    expect(
      (await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token: 'e2e-token-0123456789' } })).status(),
    ).toBe(200);
    await page.goto(`${wireup.url}/connections`);
    await page.getByLabel('App of the new connection').selectOption({ label: 'Kustomer' });
    const form = page.getByRole('form', { name: 'New Kustomer connection' });
    await form.getByLabel('Connection name').fill('Kustomer (checked)');
    await form.getByLabel('API key').fill('not-the-key');
    await form.getByLabel('API base URL').fill(kustomer.url);
    await form.getByRole('button', { name: 'Create connection' }).click();
    // The API's own words: the app refused the credentials, nothing was saved.
    await form.getByRole('alert').filter({ hasText: 'Kustomer did not accept these credentials' }).waitFor();
    await shot('14-connection-refused');
    await form.getByLabel('API key').fill(kustomerApiKey);
    await form.getByRole('button', { name: 'Create connection' }).click();
    const row = page.locator('tr').filter({ hasText: 'Kustomer (checked)' });
    await row.waitFor();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete Kustomer (checked)' }).click();
    await expect.poll(() => row.count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect((await page.request.get(`${wireup.url}/v1/workflows`)).status()).toBe(401);
    await page.goto(`${wireup.url}/runs`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('API token').waitFor();
    await shot('00-sign-in');
    await page.getByLabel('API token').fill('e2e-token-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/runs$/);
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
  });

  it('loads under 250 KB of gzipped JavaScript first (the canvas and CodeMirror come later)', () => {
    const html = readFileSync(join(editorDist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThan(0);
    const bytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(editorDist, file))).length, 0);
    writeFileSync(
      join(outDir, 'initial-js.json'),
      `${JSON.stringify({ files: initial, gzipBytes: bytes }, null, 2)}\n`,
    );
    expect(bytes).toBeLessThan(250 * 1024);
  });

  it('draws every kind of step on the canvas and the minimap; zooms, fits, copies and pastes steps as workflow JSON', async () => {
    expect(
      (await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token: 'e2e-token-0123456789' } })).status(),
    ).toBe(200);
    const created = (await (
      await fetch(`${wireup.url}/v1/workflows?partial=true`, {
        method: 'POST',
        headers: { authorization: 'Bearer e2e-token-0123456789', 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Every kind of step',
          trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
          steps: [
            {
              id: 'declines-only',
              type: 'filter',
              when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
            },
            {
              id: 'by-currency',
              type: 'switch',
              on: '{{trigger.data.object.currency}}',
              cases: {
                usd: [
                  {
                    id: 'open-conversation',
                    type: 'action',
                    connector: 'kustomer',
                    action: 'create-conversation',
                    connection: '',
                    input: {},
                  },
                ],
              },
              default: [],
            },
            {
              id: 'calc',
              type: 'code',
              input: { amount: '{{trigger.data.object.amount}}' },
              code: 'return { dollars: input.amount / 100 };',
            },
            {
              id: 'classify',
              type: 'ai',
              connection: '',
              prompt: 'Classify {{trigger.data.object.failure_message}}',
              output: 'text',
            },
          ],
        }),
      })
    ).json()) as { id: string };
    await page.goto(`${wireup.url}/editor/new`);
    await page.getByLabel('When this happens (trigger)').waitFor();
    await shot('02b-new-workflow');
    await page.goto(`${wireup.url}/editor/${created.id}`);
    for (const node of ['trigger', 'declines-only', 'by-currency', 'open-conversation', 'calc', 'classify'])
      await page.locator(`[data-node="${node}"]`).waitFor();
    // The minimap draws each node in its kind's colours, with the app icon or the kind's glyph and its name.
    const minimap = page.locator('.vue-flow__minimap');
    for (const kind of ['trigger', 'filter', 'switch', 'action', 'code', 'ai', 'branch'])
      await minimap.locator(`[data-minimap-kind="${kind}"]`).first().waitFor({ state: 'attached' });
    expect(await minimap.locator('image').count()).toBeGreaterThanOrEqual(2);
    expect(await minimap.locator('text').filter({ hasText: 'Code' }).count()).toBe(1);
    await shot('18-canvas-every-kind');

    // The AI step's prompt: a textarea until focused, then CodeMirror (loaded then) with the template marked as a pill;
    // typing and a field clicked in the sample tree land at the caret and are saved.
    await page.locator('[data-node="classify"] .body').click();
    const prompt = page.locator('#panel-classify-prompt');
    await prompt.click();
    await page
      .locator('.cm-editor .cm-template')
      .filter({ hasText: '{{trigger.data.object.failure_message}}' })
      .waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' for ');
    await page.locator('button.leaf[data-template="{{trigger.data.object.id}}"]').first().click();
    await expect.poll(() => page.locator('.cm-editor .cm-template').count()).toBe(2);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const saved = (await (
      await fetch(`${wireup.url}/v1/workflows/${created.id}`, {
        headers: { authorization: 'Bearer e2e-token-0123456789' },
      })
    ).json()) as { draft: { steps: Array<{ id: string; prompt?: string }> } };
    expect(saved.draft.steps.find((st) => st.id === 'classify')?.prompt).toBe(
      'Classify {{trigger.data.object.failure_message}} for {{trigger.data.object.id}}',
    );
    await shot('19-ai-prompt-codemirror');

    const viewport = page.locator('.vue-flow__transformationpane');
    const fitted = await viewport.getAttribute('style');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => viewport.getAttribute('style')).not.toBe(fitted);
    await page.getByRole('button', { name: 'Fit the workflow in view' }).click();
    await expect.poll(() => viewport.getAttribute('style')).toBe(fitted);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page
      .getByRole('region', { name: 'Keyboard shortcuts' })
      .getByText('Paste steps after the selected node')
      .waitFor();
    await shot('18b-canvas-shortcuts');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();

    // Add a step between two nodes: the "+" on the edge from the filter to the switch.
    await page.getByRole('button', { name: 'Insert a step between declines-only and by-currency' }).click();
    await page.locator('dialog button', { hasText: 'Code' }).first().click();
    await page.locator('[data-node="code"]').waitFor();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const between = (await (
      await fetch(`${wireup.url}/v1/workflows/${created.id}`, {
        headers: { authorization: 'Bearer e2e-token-0123456789' },
      })
    ).json()) as { draft: { steps: Array<{ id: string }> } };
    expect(between.draft.steps.map((st) => st.id).slice(0, 3)).toEqual(['declines-only', 'code', 'by-currency']);

    // Ctrl+C / Ctrl+V of the code step; then steps pasted from elsewhere as workflow JSON; undo takes the paste back.
    await page.locator('[data-node="calc"] .body').click();
    await page.keyboard.press('Control+c');
    await page.locator('[data-node="classify"] .body').click();
    await page.keyboard.press('Control+v');
    await page.locator('[data-node="calc-2"]').waitFor();
    await page.locator('[data-node="trigger"] .body').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData(
        'text/plain',
        JSON.stringify({ steps: [{ id: 'pasted-filter', type: 'filter', when: { any: [] } }] }),
      );
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
    });
    await page.locator('[data-node="pasted-filter"]').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-node="pasted-filter"]').count()).toBe(0);
    await page.locator('[data-node="calc-2"]').waitFor();
    writeFileSync(join(outDir, 'axe.json'), `${JSON.stringify(violations, null, 2)}\n`);
    expect(violations).toEqual({});
  });

  it('undoes and redoes edits across a reload, and reloads instead of overwriting a draft changed elsewhere', async () => {
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${wireup.url}${path}`, {
        method,
        headers: {
          authorization: 'Bearer e2e-token-0123456789',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }).then((r) => r.json());
    // Signed in with the API token (the one-time link may be spent): the cookie lands in the browser's jar.
    expect(
      (await context.request.post(`${wireup.url}/auth/sign-in`, { data: { token: 'e2e-token-0123456789' } })).status(),
    ).toBe(200);
    const created = await api('POST', '/v1/workflows?partial=true', {
      name: 'Undo me',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
      steps: [],
    });
    await page.goto(`${wireup.url}/editor/${created.id}`);
    const name = page.getByLabel('Workflow name');
    const saved = page.getByRole('status').filter({ hasText: 'All changes saved' });
    await name.fill('Undo me, renamed');
    await saved.waitFor();
    await page.locator('[data-node="trigger"] .body').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => name.inputValue()).toBe('Undo me');
    await saved.waitFor();
    expect((await api('GET', `/v1/workflows/${created.id}`)).name).toBe('Undo me');

    // Steps added from the canvas ("+" on a node) and deleted with the keyboard are undone too.
    await page.getByRole('button', { name: 'Add a step after Charge failed' }).click();
    await page.locator('dialog button', { hasText: 'Filter' }).click();
    await page.locator('[data-node="filter"]').waitFor();
    await saved.waitFor();
    await page.locator('[data-node="filter"] .body').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('[data-node="filter"]').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await page.locator('[data-node="filter"]').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-node="filter"]').count()).toBe(0);
    await saved.waitFor();
    expect((await api('GET', `/v1/workflows/${created.id}`)).draft.steps).toEqual([]);

    // After a reload the history is still there: redo brings the filter back, undo takes it away.
    await page.reload();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('[data-node="filter"]').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('[data-node="filter"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('[data-node="filter"]').waitFor();
    await saved.waitFor();
    const after = await api('GET', `/v1/workflows/${created.id}`);
    expect(after.draft.steps.map((st: { type: string }) => st.type)).toEqual(['filter']);
    expect(after.name).toBe('Undo me');

    // Someone else saves meanwhile: this page's next save is refused and the newer draft shown.
    await api('PUT', `/v1/workflows/${created.id}?partial=true`, {
      name: 'Changed elsewhere',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
      steps: [],
    });
    await name.fill('Lost edit');
    await page.getByRole('status').filter({ hasText: 'changed elsewhere' }).waitFor();
    await expect.poll(() => name.inputValue()).toBe('Changed elsewhere');
    expect((await api('GET', `/v1/workflows/${created.id}`)).name).toBe('Changed elsewhere');
    await shot('13-changed-elsewhere');
  });
});
