import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await createFakeOpenAI({ apiKey: 'sk-fake', respond: () => '{"ok":true}' });
});
afterAll(() => fake.close());

const post = async (body: unknown, key = 'sk-fake') => {
  const res = await fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const user = [{ role: 'user', content: 'Hi' }];

describe('fake OpenAI chat completions', () => {
  it('answers a chat.completion with usage', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: user });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: '{"ok":true}' }, finish_reason: 'stop' }],
      usage: { total_tokens: expect.any(Number) },
    });
  });

  it('refuses what the API refuses, with its error body', async () => {
    expect((await post({ model: 'gpt-4o-mini', messages: user }, 'sk-other')).body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
    expect((await post({ model: 'gpt-5-nano', messages: user })).body.error).toMatchObject({ code: 'model_not_found' });
    const noJsonWord = await post({ model: 'gpt-4o-mini', messages: user, response_format: { type: 'json_object' } });
    expect(noJsonWord.status).toBe(400);
    expect(noJsonWord.body.error.message).toMatch(/must contain the word 'json'/);
    const noName = await post({
      model: 'gpt-4o-mini',
      messages: user,
      response_format: { type: 'json_schema', json_schema: { schema: {} } },
    });
    expect(noName.body.error).toMatchObject({ param: 'response_format.json_schema.name' });
  });

  it('answers scripted failures: 429 with retry-after, then 500, then normally', async () => {
    fake.failNext({ status: 429, retryAfter: '2' });
    fake.failNext({ status: 500 });
    const limited = await post({ model: 'gpt-4o-mini', messages: user });
    expect([limited.status, limited.headers.get('retry-after'), limited.body.error.code]).toEqual([
      429,
      '2',
      'rate_limit_exceeded',
    ]);
    expect((await post({ model: 'gpt-4o-mini', messages: user })).body.error).toMatchObject({ type: 'server_error' });
    expect((await post({ model: 'gpt-4o-mini', messages: user })).status).toBe(200);
  });
});
