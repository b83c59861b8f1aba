import { NetworkError, RateLimitedError, UpstreamError, type ActionContext } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import { createFakeOpenAI, type FakeOpenAI } from '@wireup/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat } from './actions/chat.ts';
import type { ChatInput } from './generated/types.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await createFakeOpenAI({ apiKey: 'sk-chat-test-key', models: ['gpt-4o-mini', 'llama3.2'] });
});
afterAll(() => fake.close());

const http = createHttpClient({ allowPrivate: true, defaultTimeoutMs: 5_000 });
const run = (input: ChatInput, auth: Record<string, string> = {}) =>
  chat.run({
    input,
    auth: { apiKey: 'sk-chat-test-key', baseUrl: fake.url, ...auth },
    http,
    idempotencyKey: 'k',
  } as ActionContext<ChatInput>);
const intent = {
  type: 'object',
  required: ['intent'],
  additionalProperties: false,
  properties: { intent: { enum: ['refund', 'fraud', 'other'] } },
};

describe('chat', () => {
  it('returns the text answer, the model and the token usage', async () => {
    fake.respondWith(() => 'Hello there');
    const out = await run({ prompt: 'Say hello', system: 'Be brief.' });
    expect(out).toMatchObject({
      text: 'Hello there',
      model: 'gpt-4o-mini',
      calls: 1,
      finishReason: 'stop',
      usage: { promptTokens: expect.any(Number), completionTokens: 3 },
    });
    expect(out.json).toBeUndefined();
    const sent = fake.requests.at(-1)!;
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say hello' },
    ]);
    expect(sent.responseFormat).toBeUndefined();
    expect(sent.headers.authorization).toBe('Bearer sk-chat-test-key');
  });

  it("uses the connection's model, or the input's", async () => {
    fake.respondWith(() => 'ok');
    expect((await run({ prompt: 'x' }, { model: 'llama3.2' })).model).toBe('llama3.2');
    expect(fake.requests.at(-1)!.model).toBe('llama3.2');
    await expect(run({ prompt: 'x', model: 'gpt-9' })).rejects.toThrow(
      /answered 404 to POST \/chat\/completions \(model gpt-9\): The model `gpt-9` does not exist/,
    );
  });

  it('asks for JSON with the schema as response_format, and parses the answer', async () => {
    fake.respondWith(() => '{"intent":"refund"}');
    const out = await run({ prompt: 'Classify: I want my money back', output: 'json', schema: intent });
    expect(out).toMatchObject({ json: { intent: 'refund' }, calls: 1 });
    const sent = fake.requests.at(-1)!;
    expect(sent.responseFormat).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: intent, strict: false },
    });
    expect(sent.messages[0].content).toMatch(
      /^Answer with one JSON value only, matching this JSON Schema: \{"type":"object"/,
    );
  });

  it('asks for a JSON object when no schema is given, and reads a fenced answer', async () => {
    fake.respondWith(() => '```json\n{"a": 1}\n```');
    expect((await run({ prompt: 'Give me a', output: 'json' })).json).toEqual({ a: 1 });
    expect(fake.requests.at(-1)!.responseFormat).toEqual({ type: 'json_object' });
  });

  it('asks once more with the problems when the answer does not validate', async () => {
    const answers = ['{"intent":"angry"}', '{"intent":"other"}'];
    fake.respondWith(() => answers.shift()!);
    const before = fake.requests.length;
    const out = await run({ prompt: 'Classify: hm', output: 'json', schema: intent });
    expect(out).toMatchObject({ json: { intent: 'other' }, calls: 2 });
    const second = fake.requests[before + 1];
    expect(second.messages.slice(-2)).toEqual([
      { role: 'assistant', content: '{"intent":"angry"}' },
      {
        role: 'user',
        content: expect.stringMatching(
          /^That answer is not valid: \/intent must be equal to one of the allowed values\. Answer with one JSON value only/,
        ),
      },
    ]);
    expect(out.usage.totalTokens).toBeGreaterThan(0);
  });

  it('fails with AI_OUTPUT_INVALID, showing the answer, after two invalid answers', async () => {
    fake.respondWith(() => 'I think it is a refund.');
    const error = (await run({ prompt: 'Classify', output: 'json', schema: intent }).catch((e: unknown) => e)) as {
      code: string;
      retriable: boolean;
      message: string;
      details: { answer: string };
    };
    expect(error).toMatchObject({
      code: 'AI_OUTPUT_INVALID',
      retriable: false,
      details: { answer: 'I think it is a refund.' },
    });
    expect(error.message).toMatch(/is not JSON .*Its last answer: I think it is a refund\./);
  });

  it('maps 429 with retry-after to a rate limit with that wait, 5xx to a retriable upstream error, an exhausted quota to a final one', async () => {
    fake.respondWith(() => 'ok');
    fake.failNext({ status: 429, retryAfter: '3' });
    const limited = await run({ prompt: 'x' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3000);
    fake.failNext({ status: 503 });
    const down = (await run({ prompt: 'x' }).catch((e: unknown) => e)) as UpstreamError;
    expect(down).toBeInstanceOf(UpstreamError);
    expect(down.retriable).toBe(true);
    fake.failNext({
      status: 429,
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      message: 'You exceeded your current quota.',
    });
    const quota = (await run({ prompt: 'x' }).catch((e: unknown) => e)) as UpstreamError;
    expect(quota).toMatchObject({ code: 'UPSTREAM_ERROR', retriable: false });
    expect(await run({ prompt: 'x' })).toMatchObject({ text: 'ok' });
  });

  it('ends a call that takes too long as a retriable network error', async () => {
    const slow = await createFakeOpenAI({
      apiKey: 'sk-chat-test-key',
      respond: async () => {
        await new Promise((r) => setTimeout(r, 1500));
        return 'late';
      },
    });
    try {
      const error = await run({ prompt: 'x', timeoutMs: 1000 }, { baseUrl: slow.url }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message, (error as Error).message).toMatch(/timed out/i);
    } finally {
      await slow.close();
    }
  });
});
