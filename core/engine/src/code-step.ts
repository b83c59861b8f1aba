/**
 * One code step: render its input, run its code in the sandbox (code-sandbox.ts) with the
 * workflow's limits, and turn the outcome into the step record: the return value as output,
 * the console lines as the step's log. Every failure is the code's own doing, so none is
 * retried.
 */
import type { StepRecord } from '@wireup/store';
import type { CodeStep } from './workflow-types.ts';
import type { RunState } from './run-state.ts';
import { toStepError } from './run-state.ts';
import { renderTemplate } from './template.ts';
import { resolveCodeLimits, type CodeLimits } from './code-limits.ts';
import type { CodeOutcome } from './code-sandbox.ts';
import {
  CodeFailedError,
  CodeMemoryLimitError,
  CodeOutputInvalidError,
  CodeTimeoutError,
  EngineStoppingError,
} from './errors.ts';

function errorOf(step: CodeStep, limits: CodeLimits, outcome: CodeOutcome & { ok: false }): Error {
  switch (outcome.kind) {
    case 'timeout':
      return new CodeTimeoutError(step.id, limits.timeoutMs);
    case 'memory':
      return new CodeMemoryLimitError(step.id, limits.memoryMb, outcome.message);
    case 'output':
      return new CodeOutputInvalidError(step.id, outcome.message);
    default:
      return new CodeFailedError(step.id, outcome.message, { line: outcome.line, column: outcome.column });
  }
}

/** Runs a code step; the record says succeeded or failed. Throws only when the engine is stopping. */
export async function runCodeStep(state: RunState, step: CodeStep): Promise<StepRecord> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const input = renderTemplate(step.input ?? {}, state.templates);
  const limits = resolveCodeLimits(state.ctx.code.maxima, state.codeLimits);
  const outcome = await state.ctx.code.sandbox.run({ code: step.code, input, limits });
  if (!outcome.ok && state.ctx.stopping.aborted) throw new EngineStoppingError();
  const record: StepRecord = {
    id: step.id,
    type: 'code',
    status: outcome.ok ? 'succeeded' : 'failed',
    attempts: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - t0),
    input,
  };
  if (outcome.logs.length) record.logs = outcome.logs;
  if (outcome.ok) record.output = outcome.output;
  else record.error = toStepError(errorOf(step, limits, outcome));
  return record;
}
