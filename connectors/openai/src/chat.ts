/**
 * One chat completion, as the `chat` action and the engine's AI step use it. With `output:
 * "json"` the model is asked for JSON (`response_format`: the JSON Schema when one is given,
 * else `json_object`), the answer is parsed and validated, and when it does not validate the
 * model is asked once more with the problems; a second invalid answer is AI_OUTPUT_INVALID.
 */
import type OpenAI from 'openai';
import { formatProblems, compileSchema, toProblems, type JsonSchema, type ValidationProblem } from '@wireup/sdk';
import { AiOutputInvalidError } from './errors.ts';
import { toOpenAiError } from './client.ts';
import type { ChatInput, ChatOutput } from './generated/types.ts';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

// One compiled validator per schema text: the engine renders a new copy of the schema for each run.
const schemas = new Map<string, JsonSchema>();

function validatorOf(schema: JsonSchema) {
  const key = JSON.stringify(schema);
  let canonical = schemas.get(key);
  if (!canonical) {
    if (schemas.size >= 500) schemas.clear();
    canonical = schema;
    schemas.set(key, canonical);
  }
  return compileSchema(canonical);
}

/** Reads the model's answer as JSON (a fenced ```json block too, as small local models write). */
export function parseAnswer(
  text: string,
  schema: JsonSchema | undefined,
): { value?: unknown; problems: ValidationProblem[] } {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  let value: unknown;
  try {
    value = JSON.parse(fenced ? fenced[1] : text);
  } catch (error) {
    return {
      problems: [
        { path: '/', message: `is not JSON (${(error as Error).message})`, fix: 'answer with one JSON value only' },
      ],
    };
  }
  if (!schema) return { value, problems: [] };
  const validate = validatorOf(schema);
  return validate(value) ? { value, problems: [] } : { value, problems: toProblems(validate.errors) };
}

function responseFormat(
  schema: JsonSchema | undefined,
): OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format'] {
  // strict: false, since strict mode accepts only a subset of JSON Schema; the answer is validated here anyway.
  return schema
    ? { type: 'json_schema', json_schema: { name: 'answer', schema, strict: false } }
    : { type: 'json_object' };
}

function jsonInstruction(schema: JsonSchema | undefined): string {
  return schema
    ? `Answer with one JSON value only, matching this JSON Schema: ${JSON.stringify(schema)}`
    : 'Answer with one JSON value only.';
}

/** Runs the chat: one call, or two when a JSON answer did not validate. */
export async function runChat(
  client: OpenAI,
  input: ChatInput,
  defaultModel: string,
  signal?: AbortSignal,
): Promise<ChatOutput> {
  const json = input.output === 'json';
  const schema = input.schema as JsonSchema | undefined;
  const system = [input.system, json ? jsonInstruction(schema) : undefined].filter(Boolean).join('\n\n');
  const messages: Message[] = [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    { role: 'user', content: input.prompt },
  ];
  const model = input.model || defaultModel;
  const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let calls = 0;
  const ask = async () => {
    calls += 1;
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create(
        {
          model,
          messages,
          ...(json ? { response_format: responseFormat(schema) } : {}),
          ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
          ...(input.maxTokens === undefined ? {} : { max_tokens: input.maxTokens }),
        },
        { signal },
      );
    } catch (error) {
      throw toOpenAiError(error, `POST /chat/completions (model ${model})`);
    }
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    usage.totalTokens += completion.usage?.total_tokens ?? 0;
    const choice = completion.choices?.[0];
    return {
      text: choice?.message?.content ?? '',
      finishReason: choice?.finish_reason ?? 'unknown',
      model: completion.model || model,
    };
  };
  let answer = await ask();
  if (!json) return { text: answer.text, model: answer.model, usage, calls, finishReason: answer.finishReason };
  let parsed = parseAnswer(answer.text, schema);
  if (parsed.problems.length) {
    const list = formatProblems(parsed.problems, { withFix: false });
    messages.push(
      { role: 'assistant', content: answer.text },
      { role: 'user', content: `That answer is not valid: ${list}. ${jsonInstruction(schema)}` },
    );
    answer = await ask();
    parsed = parseAnswer(answer.text, schema);
    if (parsed.problems.length) throw new AiOutputInvalidError(answer.text, parsed.problems);
  }
  return {
    text: answer.text,
    json: parsed.value as ChatOutput['json'],
    model: answer.model,
    usage,
    calls,
    finishReason: answer.finishReason,
  };
}
