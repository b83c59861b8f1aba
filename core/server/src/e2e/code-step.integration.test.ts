/**
 * Code steps over real HTTP against the real server: a code step computes the fields of a
 * Kustomer conversation; each limit and each known escape fails its step with its code while
 * the server keeps answering /healthz within 100 ms; a syntax error is refused at save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHarness,
  stripeEvent,
  failedCharge,
  postSigned,
  stripeWebhookSecret,
  type Harness,
} from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';

let h: Harness;
let stripeConnection: string;
let kustomerConnection: string;

beforeAll(async () => {
  h = await startHarness();
  stripeConnection = (
    await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe',
      auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
    })
  ).body.id;
  kustomerConnection = (
    await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
    })
  ).body.id;
});
afterAll(async () => h?.close());

async function publish(
  steps: unknown[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; webhookUrl: string }> {
  const created = await h.api('POST', '/v1/workflows', {
    name: 'Code steps',
    trigger: { connector: 'stripe', trigger: 'charge-failed', connection: stripeConnection },
    steps,
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await h.api('POST', `/v1/workflows/${created.body.id}/publish`);
  return { id: created.body.id, webhookUrl: published.body.webhookUrl };
}

function runFor(workflowId: string, eventId: string) {
  return waitForRun(h, workflowId, {
    eventId,
    status: ['succeeded', 'failed', 'filtered', 'waiting'],
    timeoutMs: 20_000,
  });
}

/**
 * Calls /healthz every 25 ms until `until` settles; returns each answer's time in ms. A blocked
 * event loop would show as one answer taking the whole run of the code (1 s and more).
 */
async function healthzTimes(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${h.wireup.url}/healthz`);
    await res.text();
    times.push(performance.now() - t0);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 25));
  }
  return times;
}

/**
 * The server must stay responsive while code runs. During the 1 s loop: the median answer
 * within 100 ms and three in four of them; during every run, no answer held up for it. On a
 * shared 2-core machine at load 15-20 a few answers are late for reasons of their own
 * (scheduling: up to 400 ms was seen with the median at 2 ms), so not every one is held to
 * 100 ms. A blocked event loop would show as one or two answers for the whole run, one of them
 * waiting for most of it.
 */
function expectResponsive(times: number[], what: string, long: boolean): void {
  const sorted = [...times].sort((a, b) => a - b);
  const shown = times.map(Math.round).join(', ');
  expect(Math.max(...times), `${what}: slowest answer (${shown})`).toBeLessThan(900);
  if (!long) return;
  expect(times.length, `${what}: answers during the 1 s run (${shown})`).toBeGreaterThanOrEqual(5);
  expect(sorted[Math.floor(sorted.length / 2)], `${what}: median answer (${shown})`).toBeLessThan(100);
  expect(
    times.filter((t) => t < 100).length / times.length,
    `${what}: answers within 100 ms (${shown})`,
  ).toBeGreaterThanOrEqual(0.75);
}

describe('code steps', () => {
  it('compute a field the Kustomer action uses, with the console lines in the run log', async () => {
    const { id, webhookUrl } = await publish([
      {
        id: 'declines-only',
        type: 'filter',
        when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
      },
      {
        id: 'calc',
        type: 'code',
        input: {
          amount: '{{trigger.data.object.amount}}',
          currency: '{{trigger.data.object.currency}}',
          id: '{{trigger.data.object.id}}',
        },
        code: 'const dollars = input.amount / 100;\nconsole.log("amount in cents", input.amount);\nreturn { dollars, name: `Payment of ${dollars.toFixed(2)} ${input.currency.toUpperCase()} failed (${input.id})`, priority: dollars >= 100 ? 4 : 2 };',
      },
      {
        id: 'find-customer',
        type: 'action',
        connector: 'kustomer',
        action: 'search-customers',
        connection: kustomerConnection,
        input: {
          externalId: '{{trigger.data.object.customer}}',
          createIfMissing: true,
          name: '{{trigger.data.object.billing_details.name}}',
        },
      },
      {
        id: 'open-conversation',
        type: 'action',
        connector: 'kustomer',
        action: 'create-conversation',
        connection: kustomerConnection,
        input: {
          customer: '{{steps.find-customer.output.customer.id}}',
          name: '{{steps.calc.output.name}}',
          priority: '{{steps.calc.output.priority}}',
        },
      },
    ]);
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_code1', amount: 12550 }));
    expect((await postSigned(webhookUrl, JSON.stringify(event))).status).toBe(200);
    const run = await runFor(id, event.id);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(run.steps.map((s: any) => [s.id, s.status])).toEqual([
      ['declines-only', 'succeeded'],
      ['calc', 'succeeded'],
      ['find-customer', 'succeeded'],
      ['open-conversation', 'succeeded'],
    ]);
    expect(run.steps[1]).toMatchObject({
      type: 'code',
      output: { dollars: 125.5, name: 'Payment of 125.50 USD failed (ch_code1)', priority: 4 },
      logs: ['amount in cents 12550'],
    });
    const conversation = h.kustomer.conversations.at(-1)!;
    expect(conversation.attributes).toMatchObject({ name: 'Payment of 125.50 USD failed (ch_code1)', priority: 4 });
  });

  it('fail each limit and escape with its code, while /healthz keeps answering within 100 ms', async () => {
    const cases: Record<string, [string, string]> = {
      loop: ['while (true) {}', 'CODE_TIMEOUT'],
      hog: [
        'const a = [];\nwhile (true) a.push({ n: a.length, bytes: new Uint8Array(256 * 1024) });',
        'CODE_MEMORY_LIMIT',
      ],
      'big-output': ['return { text: "x".repeat(300 * 1024) }', 'CODE_OUTPUT_INVALID'],
      'not-json': ['return { when: () => Date.now(), n: 10n }', 'CODE_OUTPUT_INVALID'],
      throws: ['const customer = null;\nreturn customer.email;', 'CODE_ERROR'],
      'constructor-escape': [
        'const p = this.constructor.constructor("return process")();\nreturn p.env;',
        'CODE_ERROR',
      ],
      'input-escape': [
        'return input.constructor.constructor("return require")()("fs").readFileSync("/etc/passwd", "utf8")',
        'CODE_ERROR',
      ],
      'require-fs': ['return require("fs").readdirSync("/")', 'CODE_ERROR'],
    };
    const branches = Object.fromEntries(
      Object.entries(cases).map(([key, [code]]) => [
        key,
        [{ id: key, type: 'code', input: { charge: '{{trigger.data.object}}' }, code }],
      ]),
    );
    // The workflow's own memory limit (8 MB, under the default 32) makes the hog fail sooner.
    const { id, webhookUrl } = await publish(
      [{ id: 'by-case', type: 'switch', on: '{{trigger.data.object.metadata.case}}', cases: branches }],
      { codeLimits: { memoryMb: 8 } },
    );
    for (const [key, [, code]] of Object.entries(cases)) {
      const event = stripeEvent('charge.failed', failedCharge({ id: `ch_${key}`, metadata: { case: key } }));
      expect((await postSigned(webhookUrl, JSON.stringify(event))).status).toBe(200);
      const finished = runFor(id, event.id);
      const times = await healthzTimes(finished);
      const run = await finished;
      expect(run.status, key).toBe('failed');
      expect(run.steps[1], key).toMatchObject({
        id: key,
        status: 'failed',
        attempts: 1,
        error: { code, retriable: false },
      });
      // The endless loop runs its whole second: there the answers are counted and timed.
      expectResponsive(times, `/healthz during "${key}"`, key === 'loop');
      if (key === 'throws')
        expect(run.steps[1].error.message).toBe(
          'The code of step "throws" threw at line 2, column 16: TypeError: cannot read property \'email\' of null',
        );
      if (key.endsWith('escape') || key === 'require-fs')
        expect(run.steps[1].error.message).toMatch(/ReferenceError: '(process|require)' is not defined/);
    }
  });

  it('refuses a syntax error at save with 422 naming the step and the position', async () => {
    const res = await h.api('POST', '/v1/workflows', {
      name: 'Broken code',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: stripeConnection },
      steps: [{ id: 'calc', type: 'code', code: 'const dollars = input.amount / 100\nreturn { dollars: };' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WORKFLOW_INVALID');
    expect(res.body.error.details).toEqual([
      {
        path: '/steps/0/code',
        message: 'step "calc": SyntaxError: unexpected token in expression: \'}\' at line 2, column 19',
        fix: expect.any(String),
      },
    ]);
  });

  it("refuses codeLimits above the server's maxima at save", async () => {
    const res = await h.api('POST', '/v1/workflows', {
      name: 'Greedy',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: stripeConnection },
      codeLimits: { memoryMb: 4096 },
      steps: [{ id: 'calc', type: 'code', code: 'return 1' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: '/codeLimits/memoryMb', message: "is 4096, above this server's maximum of 256" }),
    ]);
  });
});
