/**
 * The seed's recipe with an AI step, over real HTTP against the real server: a signed Stripe
 * `charge.failed` → filter → an AI step classifies the charge's description (a fake
 * OpenAI-compatible endpoint) → a code step formats the amount → the Kustomer customer is
 * found → a switch on `{{steps.classify.output.intent}}` runs another Kustomer action per
 * intent. Also: invalid answers, 429 with Retry-After, and the connection test on save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI } from '@wireup/testing';
import {
  startHarness,
  stripeEvent,
  failedCharge,
  postSigned,
  stripeWebhookSecret,
  type Harness,
} from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';

const OPENAI_KEY = 'sk-proj-e2eSecretKey0123456789';
let h: Harness;
let ai: FakeOpenAI;
let workflowId: string;
let webhookUrl: string;
let openaiConnection: string;

/** The fake model: reads the description out of the prompt, like a classifier would. */
function classifier(prompt: string): string {
  if (/refund|money back/i.test(prompt)) return '{"intent":"refund"}';
  if (/stolen|did not make/i.test(prompt)) return '```json\n{"intent": "fraud"}\n```';
  if (/gibberish/i.test(prompt)) return 'I am not sure what you mean.';
  return '{"intent":"other"}';
}

const intentSchema = {
  type: 'object',
  required: ['intent'],
  properties: { intent: { enum: ['refund', 'fraud', 'other'] } },
};

function recipe(stripe: string, kustomer: string, openai: string) {
  const conversation = (id: string, name: string, extra: Record<string, unknown>) => ({
    id,
    type: 'action',
    connector: 'kustomer',
    action: 'create-conversation',
    connection: kustomer,
    input: { customer: '{{steps.find-customer.output.customer.id}}', name, ...extra },
  });
  return {
    name: 'Failed charges to Kustomer, by intent',
    trigger: { connector: 'stripe', trigger: 'charge-failed', connection: stripe },
    steps: [
      {
        id: 'declines-only',
        type: 'filter',
        when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
      },
      {
        id: 'classify',
        type: 'ai',
        connection: openai,
        prompt: 'Classify the intent of the customer behind this failed charge: {{trigger.data.object.description}}',
        output: 'json',
        schema: intentSchema,
        temperature: 0,
      },
      {
        id: 'amount',
        type: 'code',
        input: { cents: '{{trigger.data.object.amount}}', currency: '{{trigger.data.object.currency}}' },
        code: 'return { text: `${(input.cents / 100).toFixed(2)} ${input.currency.toUpperCase()}` }',
      },
      {
        id: 'find-customer',
        type: 'action',
        connector: 'kustomer',
        action: 'search-customers',
        connection: kustomer,
        input: {
          externalId: '{{trigger.data.object.customer}}',
          createIfMissing: true,
          name: '{{trigger.data.object.billing_details.name}}',
        },
      },
      {
        id: 'by-intent',
        type: 'switch',
        on: '{{steps.classify.output.intent}}',
        cases: {
          refund: [
            conversation(
              'refund-conversation',
              'Refund asked: {{steps.amount.output.text}} ({{trigger.data.object.id}})',
              { priority: 3, tags: ['refund'] },
            ),
          ],
          fraud: [
            conversation(
              'fraud-conversation',
              'Possible fraud: {{steps.amount.output.text}} ({{trigger.data.object.id}})',
              { priority: 5 },
            ),
            {
              id: 'fraud-note',
              type: 'action',
              connector: 'kustomer',
              action: 'send-message',
              connection: kustomer,
              input: {
                conversation: '{{steps.fraud-conversation.output.id}}',
                channel: 'note',
                app: 'wireup',
                body: 'Classified as fraud by the AI step: {{trigger.data.object.description}}',
              },
            },
          ],
        },
        default: [
          conversation(
            'other-conversation',
            'Payment failed: {{steps.amount.output.text}} ({{trigger.data.object.id}})',
            { priority: 2, status: 'done' },
          ),
        ],
      },
    ],
  };
}

beforeAll(async () => {
  h = await startHarness();
  ai = await createFakeOpenAI({
    apiKey: OPENAI_KEY,
    respond: (r) => classifier(r.messages.filter((m) => m.role === 'user')[0]?.content ?? ''),
  });
  const stripe = (
    await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe',
      auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
    })
  ).body.id;
  const kustomer = (
    await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
    })
  ).body.id;
  const openai = await h.api('POST', '/v1/connections', {
    connector: 'openai',
    name: 'Local model',
    auth: { apiKey: OPENAI_KEY, baseUrl: ai.url, model: 'gpt-4o-mini' },
  });
  expect(openai.status, JSON.stringify(openai.body)).toBe(201);
  openaiConnection = openai.body.id;
  const created = await h.api('POST', '/v1/workflows', recipe(stripe, kustomer, openaiConnection));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  workflowId = created.body.id;
  webhookUrl = (await h.api('POST', `/v1/workflows/${workflowId}/publish`)).body.webhookUrl;
});
afterAll(async () => {
  await h?.close();
  await ai?.close();
});

async function deliver(charge: Record<string, unknown>) {
  const event = stripeEvent('charge.failed', failedCharge(charge));
  expect((await postSigned(webhookUrl, JSON.stringify(event))).status).toBe(200);
  return waitForRun(h, workflowId, { eventId: event.id, timeoutMs: 20_000 });
}

const stepIds = (run: any) => run.steps.map((s: any) => [s.id, s.status]);

describe('AI step in the failed-charge recipe', () => {
  it('classifies a refund request and opens a refund conversation, with every step in the run log', async () => {
    const run = await deliver({
      id: 'ch_ai_refund',
      amount: 4999,
      currency: 'eur',
      description: 'Customer wants their money back for order 1182',
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(stepIds(run)).toEqual([
      ['declines-only', 'succeeded'],
      ['classify', 'succeeded'],
      ['amount', 'succeeded'],
      ['find-customer', 'succeeded'],
      ['by-intent', 'succeeded'],
      ['refund-conversation', 'succeeded'],
    ]);
    const classify = run.steps[1];
    expect(classify).toMatchObject({
      type: 'ai',
      output: { intent: 'refund' },
      attempts: 1,
      input: {
        prompt:
          'Classify the intent of the customer behind this failed charge: Customer wants their money back for order 1182',
        output: 'json',
      },
    });
    expect(classify.logs).toEqual([
      expect.stringMatching(
        /^model gpt-4o-mini: \d+ prompt \+ \d+ completion = \d+ tokens in 1 call \(finish: stop\)$/,
      ),
    ]);
    expect(run.steps[4].output).toMatchObject({ value: 'refund', branch: 'refund' });
    const conversation = h.kustomer.conversations.at(-1)!;
    expect(conversation.attributes).toMatchObject({
      name: 'Refund asked: 49.99 EUR (ch_ai_refund)',
      priority: 3,
      tags: ['refund'],
    });
    const sent = ai.requests.at(-1)!;
    expect(sent.responseFormat).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: intentSchema },
    });
    expect(sent.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(JSON.stringify(run)).not.toContain(OPENAI_KEY);
  });

  it('takes the fraud branch (another conversation and a message) and the default branch', async () => {
    const fraud = await deliver({ id: 'ch_ai_fraud', description: 'Cardholder says the card was stolen' });
    expect(stepIds(fraud).slice(4), JSON.stringify(fraud.steps.at(-1).error)).toEqual([
      ['by-intent', 'succeeded'],
      ['fraud-conversation', 'succeeded'],
      ['fraud-note', 'succeeded'],
    ]);
    expect(h.kustomer.conversations.at(-1)!.attributes).toMatchObject({
      name: 'Possible fraud: 42.00 USD (ch_ai_fraud)',
      priority: 5,
    });
    expect(fraud.steps[6].input).toMatchObject({
      conversation: fraud.steps[5].output.id,
      body: 'Classified as fraud by the AI step: Cardholder says the card was stolen',
    });

    const other = await deliver({ id: 'ch_ai_other', description: 'Insufficient funds' });
    expect(stepIds(other).slice(4)).toEqual([
      ['by-intent', 'succeeded'],
      ['other-conversation', 'succeeded'],
    ]);
    expect(other.steps[4].output).toMatchObject({ value: 'other', branch: null, usedDefault: true });
    expect(h.kustomer.conversations.at(-1)!.attributes).toMatchObject({
      name: 'Payment failed: 42.00 USD (ch_ai_other)',
      status: 'done',
    });
  });

  it('asks again once, then fails the run with AI_OUTPUT_INVALID showing the answer, without reaching Kustomer', async () => {
    const before = h.kustomer.conversations.length;
    const calls = ai.requests.length;
    const run = await deliver({ id: 'ch_ai_gibberish', description: 'gibberish' });
    expect(run.status).toBe('failed');
    expect(stepIds(run)).toEqual([
      ['declines-only', 'succeeded'],
      ['classify', 'failed'],
    ]);
    expect(run.steps[1].error).toMatchObject({
      code: 'AI_OUTPUT_INVALID',
      retriable: false,
      details: { answer: 'I am not sure what you mean.' },
    });
    expect(run.steps[1].error.message).toMatch(/Its last answer: I am not sure what you mean\./);
    expect(ai.requests.length - calls).toBe(2);
    expect(h.kustomer.conversations.length).toBe(before);
  });

  it('waits out a 429 as its Retry-After says, then succeeds', async () => {
    ai.failNext({ status: 429, retryAfter: '0.2' });
    const run = await deliver({ id: 'ch_ai_limited', description: 'Please refund me' });
    expect(run.status).toBe('succeeded');
    expect(run.steps[1]).toMatchObject({
      id: 'classify',
      status: 'succeeded',
      attempts: 2,
      output: { intent: 'refund' },
    });
  });

  it('tests an OpenAI connection on save with GET /models, and refuses a wrong key', async () => {
    const listings = ai.modelListings;
    const res = await h.api('POST', '/v1/connections', {
      connector: 'openai',
      name: 'Wrong key',
      auth: { apiKey: 'sk-wrong-0123456789', baseUrl: ai.url },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONNECTION_TEST_FAILED');
    expect(res.body.error.message).not.toContain('sk-wrong-0123456789');
    expect(ai.modelListings).toBe(listings + 1);
    const view = (await h.api('GET', `/v1/connections/${openaiConnection}`)).body;
    expect(view).toMatchObject({
      connector: 'openai',
      auth: { baseUrl: ai.url, model: 'gpt-4o-mini' },
      secrets: { apiKey: 'set' },
    });
    expect(JSON.stringify(view)).not.toContain(OPENAI_KEY);
  });

  it('refuses at save an AI step whose connection is not an openai connection', async () => {
    const doc = recipe('x', 'y', 'z');
    const stripe = (await h.api('GET', `/v1/workflows/${workflowId}`)).body.draft.trigger.connection;
    const res = await h.api('POST', '/v1/workflows', {
      ...doc,
      trigger: { ...doc.trigger, connection: stripe },
      steps: [{ ...doc.steps[1], connection: stripe }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: '/steps/0/connection',
        message: expect.stringMatching(/is a stripe connection, not openai/),
      }),
    ]);
  });
});
