/**
 * The executor (topic `runs`): walks a run's steps and checkpoints them (when: see RunState).
 * A step the stored run already shows as succeeded is never repeated: its stored output is
 * reused, so a redelivered, recovered or replayed run picks up where it stopped. A filter that
 * does not hold ends the run as `filtered`; a failed step ends it as `failed` (the dead-letter
 * list, in the Store). An action that must wait long for its next attempt
 * parks the run as `waiting` (resume-scheduler.ts) instead of holding its executor slot. The
 * final write carries the last steps and the final status together, so a finished run always
 * shows every step it ran.
 *
 * A new run's request carries its input (workflow version, event, payload): the executor reads
 * the run only to learn whether an earlier delivery already ran some of it — and not even that
 * when the request is `fresh` and the bus says this is its first delivery: then no earlier
 * delivery exists (messages.ts) — and reads neither the event nor the workflow record. The run
 * record does not exist until the run's first write, which creates it (RunCheckpoint.create). A
 * request carrying only the run id (resume, replay) reads the run and its event.
 */
import { checkpointRun, type RunRecord, type RunStatus, type StepError, type StepRecord } from '@wireup/store';
import type { BusMessage } from '@wireup/bus';
import type { EngineContext } from './engine-context.ts';
import type { AiStep, CodeStep, FilterStep, SwitchStep, Workflow, WorkflowStep } from './workflow-types.ts';
import { isPureStep, RunState, toStepError } from './run-state.ts';
import { runActionStep } from './action-step.ts';
import { runCodeStep } from './code-step.ts';
import { runAiStep } from './ai-step.ts';
import { evaluateConditions } from './conditions.ts';
import { renderTemplate } from './template.ts';
import { EngineStoppingError, EventMissingError, StepNotSupportedError } from './errors.ts';
import type { RunMessage } from './messages.ts';
import { loadTestRun } from './test-run.ts';

type Outcome = { status: 'continue' | 'filtered' } | { status: 'failed' | 'waiting'; step: StepRecord };

const finished: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'filtered']);

type LoadWorkflow = (run: RunRecord) => Promise<Workflow | null>;

/**
 * Loads a run's workflow version. A published version never changes (a new publish is a new
 * version), so each engine keeps the versions it loaded (bounded): no staleness is possible, and
 * on MongoDB it saves a command per run (docs/decisions.md, "Data path").
 */
function workflowLoader(ctx: EngineContext): LoadWorkflow {
  const documents = new Map<string, Workflow>();
  return async (run) => {
    const cacheKey = `${run.workflowId}@${run.version}`;
    let workflow = documents.get(cacheKey);
    if (!workflow) {
      const version = await ctx.store.workflows.getVersion(run.workflowId, run.version);
      if (!version) return null;
      workflow = version.document as unknown as Workflow;
      if (documents.size >= 1000) documents.clear();
      documents.set(cacheKey, workflow);
    }
    return workflow;
  };
}

function timed(step: WorkflowStep, fields: Partial<StepRecord>, t0: number, startedAt: string): StepRecord {
  return {
    id: step.id,
    type: step.type,
    status: 'succeeded',
    attempts: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - t0),
    ...fields,
  };
}

/** Filters and switches: evaluated in-process; a bad `matches` pattern fails the step. */
function evaluateStep(state: RunState, step: WorkflowStep): StepRecord {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  try {
    if (step.type === 'filter') {
      const { passed, mode, results } = evaluateConditions((step as FilterStep).when, state.templates);
      return timed(step, { input: { [mode]: results }, output: { passed } }, t0, startedAt);
    }
    const s = step as SwitchStep;
    const value = renderTemplate(s.on, state.templates);
    const text =
      value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const branch = Object.hasOwn(s.cases, text) ? text : null;
    return timed(
      step,
      { input: { on: value }, output: { value, branch, usedDefault: branch === null && s.default !== undefined } },
      t0,
      startedAt,
    );
  } catch (error) {
    return timed(step, { status: 'failed', error: toStepError(error) }, t0, startedAt);
  }
}

function branchOf(step: SwitchStep, output: { branch?: string | null; usedDefault?: boolean }): WorkflowStep[] {
  if (output.branch !== null && output.branch !== undefined) return step.cases[output.branch] ?? [];
  return output.usedDefault ? (step.default ?? []) : [];
}

/** What a finished step means for the rest of the walk. */
async function follow(state: RunState, step: WorkflowStep, record: StepRecord): Promise<Outcome> {
  if (record.status === 'waiting') return { status: 'waiting', step: record };
  if (record.status !== 'succeeded') return { status: 'failed', step: state.redact(record) };
  state.remember(step.id, record.output);
  const output = (record.output ?? {}) as Record<string, unknown>;
  if (step.type === 'filter' && output.passed === false) return { status: 'filtered' };
  if (step.type === 'switch') return runSteps(state, branchOf(step as SwitchStep, output));
  return { status: 'continue' };
}

async function runStep(state: RunState, step: WorkflowStep): Promise<StepRecord> {
  if (step.type === 'action') return runActionStep(state, step);
  if (step.type === 'filter' || step.type === 'switch') return evaluateStep(state, step);
  if (step.type === 'code') return runCodeStep(state, step as CodeStep);
  if (step.type === 'ai') return runAiStep(state, step as AiStep);
  // A document stored by a newer version may hold a type this engine does not know.
  const unknown = step as { id: string; type: string };
  const now = new Date().toISOString();
  return {
    id: unknown.id,
    type: unknown.type,
    status: 'failed',
    attempts: 0,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    error: toStepError(new StepNotSupportedError(unknown.id, unknown.type)),
  };
}

async function runSteps(state: RunState, steps: WorkflowStep[]): Promise<Outcome> {
  for (const step of steps) {
    const stored = state.stored.get(step.id);
    let record: StepRecord;
    if (stored?.status === 'succeeded') {
      record = stored;
    } else {
      // Stopping: leave the run as stored; recovery resumes it at its first unsaved step after restart.
      if (state.ctx.stopping.aborted) throw new EngineStoppingError();
      if (!isPureStep(step.type)) await state.beforeSideEffect();
      record = await runStep(state, step);
      state.record(record);
      if (record.status !== 'waiting')
        state.ctx.observer.stepFinished(step.type, record.status, record.durationMs ?? 0);
    }
    const outcome = await follow(state, step, record);
    if (outcome.status !== 'continue') return outcome;
  }
  return { status: 'continue' };
}

/** Fails the run (with its unsaved steps): it joins the dead-letter list (runs with status failed). */
async function failRun(
  ctx: EngineContext,
  run: RunRecord,
  error: StepError,
  stepId?: string,
  state?: RunState,
  stored = true,
): Promise<void> {
  const failedAt = new Date().toISOString();
  if (state) await state.finish('failed', { error, finishedAt: failedAt });
  else {
    await checkpointRun(ctx.store.runs, run.id, {
      steps: [],
      status: 'failed',
      error,
      finishedAt: failedAt,
      ...(stored ? {} : { create: run }),
    });
    ctx.observer.runUpdated(run);
  }
  ctx.log.warn(
    { runId: run.id, workflowId: run.workflowId, stepId, code: error.code, reason: error.message },
    'run failed; it is on the dead-letter list (replay with POST /v1/runs/:id/replay)',
  );
  ctx.observer.runFinished('failed', Date.parse(failedAt) - Date.parse(run.createdAt));
}

async function finish(ctx: EngineContext, state: RunState, outcome: Outcome): Promise<void> {
  const { run } = state;
  if (outcome.status === 'waiting') {
    // Parked: written as waiting (with the step and its retryAt), then woken by the resume scheduler.
    await state.finish('waiting', { error: null, finishedAt: null });
    ctx.resumer.schedule(run, Date.parse(outcome.step.retryAt ?? '') || Date.now());
    return;
  }
  if (outcome.status === 'failed') {
    const { step } = outcome;
    const attempts = step.attempts > 1 ? ` after ${step.attempts} attempts` : '';
    return failRun(
      ctx,
      run,
      { ...step.error!, message: `Step "${step.id}" failed${attempts}: ${step.error!.message}` },
      step.id,
      state,
    );
  }
  const status: RunStatus = outcome.status === 'continue' ? 'succeeded' : 'filtered';
  const finishedAt = new Date().toISOString();
  await state.finish(status, { error: null, finishedAt });
  ctx.observer.runFinished(status, Date.parse(finishedAt) - Date.parse(run.createdAt));
}

/** The run a request stands for, before its first write. */
function newRun(
  request: Required<Pick<RunMessage, 'runId' | 'workflowId' | 'version' | 'event' | 'createdAt'>>,
): RunRecord {
  return {
    id: request.runId,
    workflowId: request.workflowId,
    version: request.version,
    status: 'queued',
    event: request.event,
    steps: [],
    replays: 0,
    createdAt: request.createdAt,
    updatedAt: request.createdAt,
  };
}

/**
 * Executes (or resumes) one run. Finished runs are skipped, so redelivery is harmless.
 * `firstDelivery`: the bus knows no executor was handed this request before (BusMessage).
 */
export async function executeRun(
  ctx: EngineContext,
  request: RunMessage,
  loadWorkflow: LoadWorkflow = workflowLoader(ctx),
  firstDelivery = false,
): Promise<void> {
  const carried =
    request.workflowId !== undefined &&
    request.version !== undefined &&
    request.event !== undefined &&
    request.createdAt !== undefined;
  // Nothing of a fresh request on its first delivery can be stored: no earlier delivery exists.
  const unseen = carried && firstDelivery && request.fresh === true;
  const stored = unseen ? null : await ctx.store.runs.get(request.runId);
  if (stored && finished.has(stored.status)) return;
  // Only a new run's request carries its input; one without (resume, replay, test run) is for a stored run.
  if (!stored && !carried) return;
  const run = stored ?? newRun(request as Parameters<typeof newRun>[0]);
  const inStore = stored !== null;
  // A test run brings its own document (the draft as it was), and maybe its trigger payload and pinned outputs.
  const test = run.test ? await loadTestRun(ctx, run) : null;
  if (run.test && !test)
    return failRun(
      ctx,
      run,
      {
        code: 'TEST_RUN_MISSING',
        message: `What test run ${run.id} ran on (its document and sample) is no longer stored.`,
        retriable: false,
      },
      undefined,
      undefined,
      inStore,
    );
  const workflow = test ? (test.document as unknown as Workflow) : await loadWorkflow(run);
  if (!workflow)
    return failRun(
      ctx,
      run,
      {
        code: 'WORKFLOW_VERSION_MISSING',
        message: `Version ${run.version} of workflow ${run.workflowId} does not exist.`,
        retriable: false,
      },
      undefined,
      undefined,
      inStore,
    );
  let trigger: unknown;
  if (test && 'sample' in test) trigger = test.sample;
  else if (carried && 'trigger' in request) trigger = request.trigger;
  else {
    const event = await ctx.store.events.get(run.event.key);
    if (!event)
      return failRun(ctx, run, toStepError(new EventMissingError(run.event.key)), undefined, undefined, inStore);
    trigger = event.payload;
  }
  const state = new RunState(ctx, run, trigger, workflow.codeLimits, inStore);
  for (const [stepId, output] of Object.entries(test?.pinned ?? {})) state.remember(stepId, output);
  await finish(ctx, state, await runSteps(state, workflow.steps));
}

/** The `runs` topic handler. */
export function createExecutor(ctx: EngineContext): (message: BusMessage<RunMessage>) => Promise<void> {
  const loadWorkflow = workflowLoader(ctx);
  return (message) => executeRun(ctx, message.value, loadWorkflow, message.firstDelivery === true);
}
