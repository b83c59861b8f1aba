/**
 * The working state of one run while the executor walks it: the template context, the steps
 * already checkpointed (reused, never repeated), and the redactor for the run log, which grows
 * with the secrets of every connection the run opens.
 */
import { WireupError, type Connector, type ConnectionAuth } from '@wireup/sdk';
import type { RunRecord, StepError, StepRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import type { TemplateContext } from './template.ts';
import { createRedactor, type Redactor } from './redact.ts';

export class RunState {
  readonly run: RunRecord;
  readonly ctx: EngineContext;
  readonly templates: TemplateContext;
  /** Steps of the stored run, by id. */
  readonly stored: Map<string, StepRecord>;
  private readonly secrets = new Set<string>();
  private redactor: Redactor = createRedactor([]);

  constructor(ctx: EngineContext, run: RunRecord, trigger: unknown) {
    this.ctx = ctx;
    this.run = run;
    this.templates = { trigger, steps: {} };
    this.stored = new Map(run.steps.map((s) => [s.id, s]));
  }

  /** Adds a connection's secret auth values (fields the manifest marks secret, and any field it does not know). */
  addSecrets(connector: Connector, auth: ConnectionAuth): void {
    const fields = new Map(connector.manifest.auth.fields.map((f) => [f.key, f]));
    let added = false;
    for (const [key, value] of Object.entries(auth)) {
      if (typeof value !== 'string' || (fields.get(key)?.secret === false) || this.secrets.has(value)) continue;
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

  /** Checkpoints a step, redacted. */
  async save(step: StepRecord): Promise<void> {
    await this.ctx.store.runs.saveStep(this.run.id, this.redact(step));
  }
}

/** The run log's form of an error: code, message, retriable (and details when the error has them). */
export function toStepError(error: unknown): StepError {
  if (error instanceof WireupError) {
    return { code: error.code, message: error.message, retriable: error.retriable, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ACTION_CRASHED', message: `The step threw an unexpected error: ${message}`, retriable: false };
}
