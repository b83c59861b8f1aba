/** Action chat: `POST /chat/completions` on the connection's OpenAI-compatible endpoint. */
import { defineAction } from '@wireup/sdk';
import { DEFAULT_OPENAI_MODEL, DEFAULT_TIMEOUT_MS, openaiClient } from '../client.ts';
import { runChat } from '../chat.ts';
import type { ChatInput, ChatOutput } from '../generated/types.ts';

export const chat = defineAction<ChatInput, ChatOutput>({
  key: 'chat',
  displayName: 'Chat',
  description:
    'Sends a prompt to the chat model of the connection (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp: any OpenAI-compatible `POST /chat/completions`) and returns its answer. With output `json` the model is asked for JSON matching the given JSON Schema; an answer that does not validate is sent back once with the problems, then the step fails with AI_OUTPUT_INVALID. Returns the text, the parsed JSON, the model and the token usage.',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['prompt'],
    properties: {
      prompt: {
        type: 'string',
        minLength: 1,
        description: 'What to ask, e.g. `Classify the intent of: {{trigger.data.object.description}}`.',
      },
      system: { type: 'string', description: 'Instructions sent before the prompt as the system message.' },
      output: {
        type: 'string',
        enum: ['text', 'json'],
        description: '`text` (default) returns the answer as text; `json` asks for JSON and parses it.',
      },
      schema: {
        type: 'object',
        description: 'With output `json`: the JSON Schema the answer must match (sent as `response_format`).',
      },
      model: { type: 'string', minLength: 1, description: "A model other than the connection's, e.g. `gpt-4o`." },
      temperature: {
        type: 'number',
        minimum: 0,
        maximum: 2,
        description: 'Sampling temperature; 0 gives the most repeatable answers.',
      },
      maxTokens: { type: 'integer', minimum: 1, description: 'Most tokens the answer may have.' },
      timeoutMs: {
        type: 'integer',
        minimum: 1000,
        maximum: 600000,
        description: 'How long one call may take before it fails as a network error (retried). Default 60000.',
      },
    },
  },
  outputSchema: {
    type: 'object',
    description:
      'The answer flattened: its text, the parsed JSON (output `json`), the model that answered and the tokens used.',
    required: ['text', 'model', 'usage', 'calls', 'finishReason'],
    properties: {
      text: { type: 'string', description: "The model's answer as text." },
      json: { description: 'With output `json`: the answer parsed (and valid against the schema).' },
      model: { type: 'string', description: 'The model that answered, as the endpoint names it.' },
      usage: {
        type: 'object',
        description: 'Tokens used, summed over the calls.',
        required: ['promptTokens', 'completionTokens', 'totalTokens'],
        properties: {
          promptTokens: { type: 'integer', description: 'Tokens of the messages sent.' },
          completionTokens: { type: 'integer', description: 'Tokens of the answers.' },
          totalTokens: { type: 'integer', description: 'Both.' },
        },
      },
      calls: { type: 'integer', description: '1, or 2 when a JSON answer was asked again.' },
      finishReason: {
        type: 'string',
        description: 'Why the model stopped, e.g. `stop`, or `length` when maxTokens was reached.',
      },
    },
  },
  sample: {
    text: '{"intent":"refund"}',
    json: { intent: 'refund' },
    model: 'gpt-4o-mini-2024-07-18',
    usage: { promptTokens: 64, completionTokens: 6, totalTokens: 70 },
    calls: 1,
    finishReason: 'stop',
  },
  // Asking again changes nothing outside; it costs tokens only.
  idempotent: true,
  retry: { maxAttempts: 4 },
  async run(ctx) {
    const client = openaiClient(ctx, ctx.input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return runChat(client, ctx.input, (ctx.auth.model ?? '').trim() || DEFAULT_OPENAI_MODEL, ctx.signal);
  },
});
