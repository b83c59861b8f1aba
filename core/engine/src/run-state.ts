/**
 * The working state of one run while the executor walks it: the template context, the steps
 * already checkpointed (reused, never repeated), the redactor for the run log, which grows with
 * the secrets of every connection the run opens, and the finished steps not yet written.
 *
 * Checkpoint policy: only a side effect must be on record before the run moves on to the next
 * one. Filters and switches are pure (the same trigger and earlier outputs give the same
 * result), so their records wait and are written with the next write of the run; an action's
 * record waits only until the next action starts, or the run ends. A run's writes are thus: one
 * before each action that follows an action, one per retry wait (the step shows as running),
 * and one at the end carrying the final status. A crash loses only records that are recomputed
 * (pure steps) or the one action in flight, which runs again under the same idempotency key, as
 * it would have with a checkpoint per step.
 */
import { WireupError, type Connector, type ConnectionAuth } from '@wireup/sdk';
import { checkpointRun, type RunRecord, type RunStatus, type StepError, type StepRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import type { TemplateContext } from './template.ts';
import type { CodeLimits } from './code-limits.ts';
import { createRedactor, type Redactor } from './redact.ts';

/**
 * Steps computed from the trigger and earlier outputs alone, with no effect outside: running
 * them again gives the same record. Code steps count: their sandbox reaches nothing outside
 * (only code reading the clock or Math.random could compute another value when recomputed).
 */
export function isPureStep(type: string): boolean {
  return type === 'filter' || type === 'switch' || type === 'code';
}

export class RunState {
  readonly run: RunRecord;
  readonly ctx: EngineContext;
  readonly templates: TemplateContext;
  /** Steps of the stored run, by id. */
  readonly stored: Map<string, StepRecord>;
  /** The workflow's own limits for its code steps (`codeLimits`), if it sets any. */
  readonly codeLimits: Partial<CodeLimits> | undefined;
  private readonly secrets = new Set<string>();
  private redactor: Redactor = createRedactor([]);
  /** Finished steps not yet written, in order. */
  private unsaved: StepRecord[] = [];
  /** Whether `unsaved` holds a record of a step that is not pure (a side effect not yet on record). */
  private unsavedSideEffect = false;
  /** Whether the stored run says running (or will, once `writing` settles). */
  private markedRunning: boolean;
  /** The write in progress, if any: every later write waits for it, so they land in order. */
  private writing: Promise<void> | undefined;
  /** Whether the run is in the store: a new run is created by its first write (RunCheckpoint.create). */
  private inStore: boolean;

  /** `stored`: the run was read from the store (false: a new run, created by its first write). */
  constructor(ctx: EngineContext, run: RunRecord, trigger: unknown, codeLimits?: Partial<CodeLimits>, stored = true) {
    this.ctx = ctx;
    this.inStore = stored;
    this.codeLimits = codeLimits;
    this.run = run;
    this.templates = { trigger, steps: {} };
    this.stored = new Map(run.steps.map((s) => [s.id, s]));
    this.markedRunning = run.status === 'running';
  }

  /** Adds a connection's secret auth values (fields the manifest marks secret, and any field it does not know). */
  addSecrets(connector: Connector, auth: ConnectionAuth): void {
    const fields = new Map(connector.manifest.auth.fields.map((f) => [f.key, f]));
    let added = false;
    for (const [key, value] of Object.entries(auth)) {
      if (typeof value !== 'string' || fields.get(key)?.secret === false || this.secrets.has(value)) continue;
      this.secrets.add(value);
      added = true;
    }
    if (added) this.redactor = createRedactor(this.secrets);
  }

  /** A redacted copy of a value, for the run log. */
  redact<T>(value: T): T {
    return this.redactor(value) as T;
  }

  /** Makes a finished step's output readable by later templates. */
  remember(stepId: string, output: unknown): void {
    this.templates.steps[stepId] = { output };
  }

  /** Records a finished step; it is written with the run's next write (see the checkpoint policy above). */
  record(step: StepRecord): void {
    this.unsaved.push(step);
    if (!isPureStep(step.type)) this.unsavedSideEffect = true;
  }

  /** Before a step that is not pure starts: writes the previous side effect's record if it is not on record yet. */
  async beforeSideEffect(): Promise<void> {
    if (this.unsavedSideEffect) await this.write();
  }

  /** Writes the unsaved steps (and `step`, e.g. an action waiting to retry), marking the run running. */
  async save(step?: StepRecord): Promise<void> {
    if (step) this.record(step);
    await this.write();
  }

  /**
   * Writes the unsaved steps with the run's final status: one atomic write where the store
   * allows it (RunRepository.checkpoint).
   */
  async finish(status: RunStatus, fields: { error?: StepError | null; finishedAt: string | null }): Promise<void> {
    await this.write({ status, ...fields });
  }

  /** Marks the run running (with the steps finished so far) unless it already is: for an action that is taking a while. */
  markRunning(): void {
    if (this.markedRunning || this.writing) return;
    void this.write().catch((error: unknown) =>
      this.ctx.observer.error(`Could not mark run ${this.run.id} running`, error),
    );
  }

  private async write(final?: {
    status: RunStatus;
    error?: StepError | null;
    finishedAt: string | null;
  }): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    const steps = this.unsaved.map((step) => this.redact(step));
    const status = final?.status ?? (this.markedRunning ? undefined : 'running');
    if (steps.length === 0 && status === undefined) return;
    this.unsaved = [];
    this.unsavedSideEffect = false;
    const promise = checkpointRun(this.ctx.store.runs, this.run.id, {
      steps,
      ...final,
      ...(status ? { status } : {}),
      ...(this.inStore ? {} : { create: this.run }),
    });
    this.writing = promise;
    try {
      await promise;
      this.inStore = true;
      if (status === 'running') this.markedRunning = true;
      this.ctx.observer.runUpdated(this.run);
    } catch (error) {
      // Not written: keep the records for the next write (the bus redelivers the run if this one ends here).
      this.unsaved = steps.concat(this.unsaved);
      this.unsavedSideEffect ||= steps.some((s) => !isPureStep(s.type));
      throw error;
    } finally {
      if (this.writing === promise) this.writing = undefined;
    }
  }
}

/** The run log's form of an error: code, message, retriable (and details when the error has them). */
export function toStepError(error: unknown): StepError {
  if (error instanceof WireupError) {
    return {
      code: error.code,
      message: error.message,
      retriable: error.retriable,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ACTION_CRASHED', message: `The step threw an unexpected error: ${message}`, retriable: false };
}
