/**
 * One action step: render its input, check it against the action's inputSchema, open the
 * connection, and call the action with retries of retriable errors. Returns the step record
 * (not yet redacted or saved: the executor checkpoints it). Store failures are not step
 * failures: they propagate, so the bus redelivers the run message and the run resumes.
 *
 * Two limits on retrying: an action that is not safe to repeat (`idempotent: false`) is not
 * repeated after a failure that leaves its effect unknown (ActionOutcomeUnknownError); and a
 * wait longer than the policy's parkAfterMs is not slept here: the record comes back `waiting`
 * with `retryAt`, the executor parks the run, and the step resumes at its next attempt then.
 */
import {
  formatProblems,
  InvalidInputError,
  isAmbiguousFailure,
  isRetriable,
  validateValue,
  type ActionDefinition,
  type ConnectionAuth,
  type Connector,
  type JsonSchema,
} from '@wireup/sdk';
import type { ConnectionRecord, StepRecord } from '@wireup/store';
import type { ActionStep } from './workflow-types.ts';
import type { RunState } from './run-state.ts';
import { toStepError } from './run-state.ts';
import { renderTemplate } from './template.ts';
import { resolveRetryPolicy, withRetry } from './retry.ts';
import { idempotencyKeyOf } from './messages.ts';
import {
  ActionOutcomeUnknownError,
  ConnectionNotFoundError,
  ConnectorNotInstalledError,
  EngineStoppingError,
} from './errors.ts';

/** How long an action may take before its run is written as running (with the steps before it). */
const SHOW_RUNNING_AFTER_MS = 250;
/** A parked step woken up to this early (timer granularity, clock steps) runs; earlier, it is parked again. */
const EARLY_RESUME_TOLERANCE_MS = 100;

interface Resolved {
  connector: Connector;
  action: ActionDefinition;
  connection: ConnectionRecord;
}

async function resolve(state: RunState, step: ActionStep): Promise<Resolved> {
  const connector = state.ctx.connectors.get(step.connector, step.version);
  if (!connector)
    throw new ConnectorNotInstalledError(
      `Connector "${step.connector}"${step.version ? ` version ${step.version}` : ''} of step "${step.id}" is not installed.`,
    );
  const action = connector.actions.get(step.action);
  if (!action)
    throw new ConnectorNotInstalledError(
      `Connector "${step.connector}" has no action "${step.action}" (step "${step.id}"); was it upgraded?`,
    );
  const connection = await state.ctx.store.connections.get(step.connection);
  if (!connection)
    throw new ConnectionNotFoundError(
      `Connection "${step.connection}" of step "${step.id}" does not exist; choose another connection in the workflow.`,
    );
  if (connection.connector !== step.connector)
    throw new ConnectionNotFoundError(
      `Connection "${step.connection}" of step "${step.id}" is a ${connection.connector} connection, not ${step.connector}.`,
    );
  return { connector, action, connection };
}

function checkInput(step: ActionStep, action: ActionDefinition, input: unknown): void {
  const problems = validateValue(action.inputSchema as JsonSchema, input, '/input');
  if (problems.length) {
    const list = formatProblems(problems);
    throw new InvalidInputError(
      `Input of step "${step.id}" does not match action ${step.connector}.${step.action}: ${list}`,
      problems,
    );
  }
}

function abortableSleep(state: RunState, ms: number): Promise<void> {
  const signal = state.ctx.stopping;
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolveSleep) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolveSleep();
    };
    signal.addEventListener('abort', done, { once: true });
    state.ctx.sleep(ms).then(done, done);
  });
}

/** Runs an action step; the record says succeeded or failed. Throws only for store errors and shutdown. */
export async function runActionStep(state: RunState, step: ActionStep): Promise<StepRecord> {
  const { ctx } = state;
  const parked = state.stored.get(step.id);
  const waiting = parked?.status === 'waiting' ? parked : undefined;
  // Woken early (a sweep of another worker, a redelivery): stay parked, call nothing.
  if (waiting?.retryAt && Date.parse(waiting.retryAt) - Date.now() > EARLY_RESUME_TOLERANCE_MS) return waiting;
  const startedAt = waiting?.startedAt ?? new Date().toISOString();
  const t0 = performance.now();
  const record = (fields: Partial<StepRecord>): StepRecord => ({
    id: step.id,
    type: 'action',
    status: 'failed',
    attempts: 0,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - t0),
    ...fields,
  });
  const input = renderTemplate(step.input ?? {}, state.templates);
  let resolved: Resolved;
  let auth: ConnectionAuth;
  try {
    resolved = await resolve(state, step);
    checkInput(step, resolved.action, input);
    auth = ctx.openAuth(resolved.connection);
    state.addSecrets(resolved.connector, auth);
  } catch (error) {
    // Retriable here means the store is down: let the bus redeliver rather than fail the run.
    if (isRetriable(error)) throw error;
    return record({ input, error: toStepError(error) });
  }
  const { action } = resolved;
  const idempotencyKey = idempotencyKeyOf(state.run.id, step.id);
  // A quick action's run goes from queued to finished in one write; a slow one shows as running meanwhile.
  const showRunning = setTimeout(() => state.markRunning(), SHOW_RUNNING_AFTER_MS);
  const unsafeToRepeat = (error: unknown): boolean => action.idempotent === false && isAmbiguousFailure(error);
  const outcome = await withRetry(
    (_attempt) =>
      action.run({
        input,
        auth,
        http: ctx.http,
        settings: ctx.settingsOf(step.connector),
        idempotencyKey,
        signal: ctx.stopping,
      }),
    {
      policy: resolveRetryPolicy(ctx.retry, action),
      sleep: (ms) => abortableSleep(state, ms),
      signal: ctx.stopping,
      firstAttempt: (waiting?.attempts ?? 0) + 1,
      mayRepeat: (error) => !unsafeToRepeat(error),
      onRetry: async (error, attempt, delayMs) => {
        const stepError = toStepError(error);
        ctx.observer.stepRetried(step.connector, step.action, stepError.code);
        ctx.log.info(
          {
            runId: state.run.id,
            stepId: step.id,
            connector: step.connector,
            action: step.action,
            attempt,
            delayMs,
            code: stepError.code,
            reason: state.redact(stepError.message),
          },
          'action failed; retrying',
        );
        // Shows the step as running, with the last error, while it waits for the next attempt.
        const {
          finishedAt: _f,
          durationMs: _d,
          ...running
        } = record({ status: 'running', input, error: stepError, attempts: attempt });
        await state.save(running);
      },
    },
  ).finally(() => clearTimeout(showRunning));
  if (outcome.ok) return record({ status: 'succeeded', input, output: outcome.value, attempts: outcome.attempts });
  if (ctx.stopping.aborted) throw new EngineStoppingError();
  if (outcome.parkMs !== undefined) {
    const stepError = toStepError(outcome.error);
    ctx.observer.stepRetried(step.connector, step.action, stepError.code);
    const retryAt = new Date(Date.now() + outcome.parkMs).toISOString();
    ctx.log.info(
      {
        runId: state.run.id,
        stepId: step.id,
        connector: step.connector,
        action: step.action,
        attempt: outcome.attempts,
        retryAt,
        code: stepError.code,
      },
      'action asked for a long wait; run parked until retryAt',
    );
    const {
      finishedAt: _f,
      durationMs: _d,
      ...parkedRecord
    } = record({ status: 'waiting', input, error: stepError, attempts: outcome.attempts, retryAt });
    return parkedRecord;
  }
  const error = unsafeToRepeat(outcome.error)
    ? new ActionOutcomeUnknownError(step.connector, step.action, outcome.error as Error)
    : outcome.error;
  return record({ input, error: toStepError(error), attempts: outcome.attempts });
}
