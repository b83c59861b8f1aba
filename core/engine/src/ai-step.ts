/**
 * One AI step: the `chat` action of its `openai` connection, run like an action step (input
 * rendered and checked, the key added to the run's redactions, retries of 429 and 5xx with
 * Retry-After), then shaped as the step's output: `{text}` for output "text", the validated
 * JSON itself for output "json" (so `{{steps.classify.output.intent}}` reads it). The model
 * and the token usage go to the step's log.
 */
import type { StepRecord } from '@wireup/store';
import type { ActionStep, AiStep } from './workflow-types.ts';
import type { RunState } from './run-state.ts';
import { runActionStep } from './action-step.ts';

/** The connector whose `chat` action AI steps use. */
export const AI_CONNECTOR = 'openai';
export const AI_ACTION = 'chat';

interface ChatOutput {
  text: string;
  json?: unknown;
  model: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  calls: number;
  finishReason: string;
}

/** The chat action's input for an AI step (its prompt still a template: the action step renders it). */
export function chatInputOf(step: AiStep): Record<string, unknown> {
  const { prompt, system, output, schema, model, temperature, maxTokens, timeoutMs } = step;
  const input: Record<string, unknown> = {
    prompt,
    output: output ?? 'text',
    system,
    schema,
    model,
    temperature,
    maxTokens,
    timeoutMs,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** Runs an AI step; the record says succeeded or failed. Throws only for store errors and shutdown. */
export async function runAiStep(state: RunState, step: AiStep): Promise<StepRecord> {
  const action: ActionStep = {
    id: step.id,
    type: 'action',
    connector: AI_CONNECTOR,
    action: AI_ACTION,
    connection: step.connection,
    input: chatInputOf(step),
  };
  const record: StepRecord = { ...(await runActionStep(state, action)), type: 'ai' };
  if (record.status !== 'succeeded') return record;
  const out = record.output as ChatOutput;
  const { promptTokens, completionTokens, totalTokens } = out.usage;
  record.logs = [
    `model ${out.model}: ${promptTokens} prompt + ${completionTokens} completion = ${totalTokens} tokens in ${out.calls} call${out.calls === 1 ? '' : 's'} (finish: ${out.finishReason})`,
  ];
  record.output = step.output === 'json' ? out.json : { text: out.text };
  return record;
}
