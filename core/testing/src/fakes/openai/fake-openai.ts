/**
 * A fake OpenAI-compatible API for tests: `GET /v1/models` and `POST /v1/chat/completions`
 * with the shapes the OpenAI API documents: the `chat.completion` object with `usage`, the
 * `{error:{message,type,param,code}}` error body, 401 for a wrong key, 404 `model_not_found`,
 * 400 for a bad `response_format` (a `json_schema` without name or schema, `json_object`
 * without the word "json" in the messages), and scripted failures (429 with `retry-after`,
 * 5xx). What the model answers is up to the test's responder.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat request as the fake received it. */
export interface FakeChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  responseFormat?: { type: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** What a responder returns: the answer's text, or the text with a finish reason. */
export type FakeAnswer = string | { content: string; finishReason?: string };

/** A scripted failure answered instead of the next completions. */
export interface FakeOpenAIFailure {
  status: number;
  /** `retry-after` header value, e.g. `'1'`. */
  retryAfter?: string;
  code?: string | null;
  type?: string;
  message?: string;
  /** How many requests get it. Default 1. */
  count?: number;
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, what a connection's baseUrl takes. */
  url: string;
  /** Every chat request received (failed ones too), in order. */
  requests: FakeChatRequest[];
  /** Requests to `GET /v1/models`, refused ones included. */
  modelListings: number;
  /** Answers the next chat requests with an error. */
  failNext(failure: FakeOpenAIFailure): void;
  /** Replaces the responder. */
  respondWith(responder: (request: FakeChatRequest) => FakeAnswer | Promise<FakeAnswer>): void;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  apiKey?: string;
  models?: string[];
  respond?: (request: FakeChatRequest) => FakeAnswer | Promise<FakeAnswer>;
}

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function apiError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
  headers: Record<string, string> = {},
): void {
  send(res, status, { error: { message, type, param, code } }, headers);
}

/** A rough token count (OpenAI's tokenizer gives ~4 characters a token). */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The first problem of a chat request, OpenAI-style, or null. */
function requestProblem(body: Record<string, unknown>): [string, string | null] | null {
  if (typeof body.model !== 'string' || !body.model) return ['you must provide a model parameter', 'model'];
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return ["'messages' must be a non-empty array", 'messages'];
  for (const [i, m] of messages.entries()) {
    if (!m || typeof m !== 'object' || !roles.has((m as { role?: string }).role ?? ''))
      return [`Invalid value for 'messages[${i}].role'`, `messages[${i}].role`];
    if (typeof (m as { content?: unknown }).content !== 'string')
      return [`Invalid type for 'messages[${i}].content': expected a string`, `messages[${i}].content`];
  }
  if (
    body.temperature !== undefined &&
    (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 2)
  )
    return ['temperature must be between 0 and 2', 'temperature'];
  const format = body.response_format as FakeChatRequest['responseFormat'] | undefined;
  if (format !== undefined) {
    if (!format || !['text', 'json_object', 'json_schema'].includes(format.type))
      return [
        "Invalid value for 'response_format.type': expected one of 'text', 'json_object', 'json_schema'",
        'response_format.type',
      ];
    if (format.type === 'json_schema') {
      const js = format.json_schema;
      if (!js || typeof js.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(js.name))
        return ["Missing required parameter: 'response_format.json_schema.name'", 'response_format.json_schema.name'];
      if (!js.schema || typeof js.schema !== 'object')
        return [
          "Invalid 'response_format.json_schema.schema': expected an object",
          'response_format.json_schema.schema',
        ];
    }
    if (
      format.type === 'json_object' &&
      !(messages as Array<{ content: string }>).some((m) => /json/i.test(m.content))
    ) {
      return [
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        'messages',
      ];
    }
  }
  return null;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

/** Starts the fake on a random loopback port. */
export async function createFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const apiKey = options.apiKey ?? 'sk-test-fake-openai-key';
  const models = options.models ?? ['gpt-4o-mini', 'gpt-4o'];
  let responder: (request: FakeChatRequest) => FakeAnswer | Promise<FakeAnswer> =
    options.respond ?? ((r) => `You said: ${r.messages.at(-1)?.content ?? ''}`);
  const failures: FakeOpenAIFailure[] = [];
  const state = { requests: [] as FakeChatRequest[], modelListings: 0 };
  let sequence = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'GET' && path === '/v1/models') state.modelListings += 1;
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const given = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      return apiError(
        res,
        401,
        `Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error',
        'invalid_api_key',
      );
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' })),
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return apiError(res, 404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error', null);
    let body: Record<string, unknown>;
    try {
      body = (await readJson(req)) as Record<string, unknown>;
    } catch {
      return apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    }
    if (!body || typeof body !== 'object')
      return apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    const request: FakeChatRequest = {
      model: String(body.model ?? ''),
      messages: (body.messages ?? []) as FakeChatRequest['messages'],
      responseFormat: body.response_format as FakeChatRequest['responseFormat'],
      body,
      headers: req.headers,
    };
    state.requests.push(request);
    const failure = failures[0];
    if (failure) {
      if ((failure.count = (failure.count ?? 1) - 1) <= 0) failures.shift();
      const headers: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter };
      const type =
        failure.type ??
        (failure.status === 429 ? 'requests' : failure.status >= 500 ? 'server_error' : 'invalid_request_error');
      const message =
        failure.message ??
        (failure.status === 429
          ? 'Rate limit reached for requests. Please try again later.'
          : 'The server had an error while processing your request. Sorry about that!');
      return apiError(
        res,
        failure.status,
        message,
        type,
        failure.code === undefined ? (failure.status === 429 ? 'rate_limit_exceeded' : null) : failure.code,
        null,
        headers,
      );
    }
    const problem = requestProblem(body);
    if (problem) return apiError(res, 400, problem[0], 'invalid_request_error', null, problem[1]);
    if (!models.includes(request.model))
      return apiError(
        res,
        404,
        `The model \`${request.model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    const answer = await responder(request);
    const content = typeof answer === 'string' ? answer : answer.content;
    const promptTokens = tokens(request.messages.map((m) => m.content).join('\n'));
    const completionTokens = tokens(content);
    sequence += 1;
    return send(
      res,
      200,
      {
        id: `chatcmpl-fake${sequence}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: typeof answer === 'string' ? 'stop' : (answer.finishReason ?? 'stop'),
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
        system_fingerprint: 'fp_wireup_fake',
      },
      { 'x-request-id': `req_fake${sequence}` },
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      apiError(res, 500, `fake crashed: ${(error as Error).message}`, 'server_error', null),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get modelListings() {
      return state.modelListings;
    },
    failNext(failure) {
      failures.push({ ...failure });
    },
    respondWith(fn) {
      responder = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
