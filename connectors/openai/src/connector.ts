/**
 * The OpenAI connector: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, a llama.cpp server) through the official `openai` SDK, with one action, `chat`.
 * The engine's AI steps call that action. manifest.json is generated from this file by
 * `npm run codegen`.
 */
import { defineConnector, type ConnectorContext } from '@wireup/sdk';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL, openaiClient, toOpenAiError } from './client.ts';
import { chat } from './actions/chat.ts';

const icon =
  'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="%23101010"/><circle cx="32" cy="32" r="15" stroke="%23fff" stroke-width="5" fill="none"/><circle cx="32" cy="32" r="4" fill="%23fff"/></svg>';

/** Proves the key works: `GET /models`. */
async function testConnection(ctx: ConnectorContext): Promise<void> {
  try {
    await openaiClient(ctx, 15_000).models.list();
  } catch (error) {
    throw toOpenAiError(error, 'GET /models');
  }
}

export default defineConnector({
  name: 'openai',
  version: '1.0.0',
  displayName: 'OpenAI',
  description:
    'Chat models behind the OpenAI API, or any server that speaks it (Azure OpenAI, vLLM, Ollama, llama.cpp): classify, extract or write text from the data of a workflow.',
  categories: ['ai'],
  icon,
  homepage: 'https://platform.openai.com/docs/api-reference/chat',
  sdk: '^0.1.0',
  auth: {
    kind: 'api-key',
    fields: [
      {
        key: 'apiKey',
        label: 'API key',
        description:
          'The API key of the endpoint (OpenAI: platform.openai.com → API keys). A local server that checks no key takes any non-empty text.',
        secret: true,
        required: true,
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        description:
          'The base of the OpenAI-compatible API, up to and including /v1: https://api.openai.com/v1 (default), https://<resource>.openai.azure.com/openai/v1, http://127.0.0.1:11434/v1 for Ollama (with WIREUP_EGRESS_ALLOW_PRIVATE).',
        secret: false,
        required: false,
        default: DEFAULT_OPENAI_BASE_URL,
        destination: true,
      },
      {
        key: 'model',
        label: 'Model',
        description: 'The chat model to use, as the endpoint names it, e.g. gpt-4o-mini (default), gpt-4o or llama3.2.',
        secret: false,
        required: false,
        default: DEFAULT_OPENAI_MODEL,
      },
    ],
  },
  triggers: [],
  actions: [chat],
  testConnection,
});
