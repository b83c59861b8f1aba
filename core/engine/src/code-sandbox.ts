/**
 * Runs code steps off the main thread: a small pool of worker threads, each with its own
 * QuickJS sandbox (code-worker.js). The main thread keeps serving webhooks and the API while
 * code runs, however long it loops. QuickJS's interrupt handler ends the code at its deadline;
 * should a worker still not answer a grace period later, it is terminated and replaced, and
 * the job fails as a timeout. Workers start on the first job and stop with the engine.
 */
import { Worker } from 'node:worker_threads';
import type { CodeLimits } from './code-limits.ts';

/** One run of a step's code. */
export interface CodeJob {
  code: string;
  /** The rendered input; crosses into the sandbox as JSON. */
  input: unknown;
  limits: CodeLimits;
}

/** How a run ended: the JSON text of the return value, or why it failed. */
export type CodeOutcome =
  | { ok: true; output: unknown; logs: string[]; logsTruncated: boolean }
  | {
      ok: false;
      kind: 'timeout' | 'memory' | 'output' | 'threw';
      message: string;
      line?: number;
      column?: number;
      logs: string[];
      logsTruncated: boolean;
    };

/** Runs code jobs. */
export interface CodeSandbox {
  run(job: CodeJob): Promise<CodeOutcome>;
  /** Terminates the workers; jobs still waiting fail. */
  stop(): Promise<void>;
}

export interface CodeSandboxOptions {
  /** Worker threads (jobs beyond them wait their turn). Default 2. */
  workers?: number;
  /** How long past a job's deadline a silent worker is given before it is terminated. Default 1000 ms. */
  graceMs?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Waiting {
  job: CodeJob;
  resolve(outcome: CodeOutcome): void;
}

const workerUrl = new URL('./code-worker.js', import.meta.url);

/** Creates the pool; no thread starts until the first job. */
export function createCodeSandbox(options: CodeSandboxOptions = {}): CodeSandbox {
  const size = Math.max(1, Math.floor(options.workers ?? 2));
  const graceMs = options.graceMs ?? 1000;
  const slots: Slot[] = [];
  const queue: Waiting[] = [];
  let nextId = 1;
  let stopped = false;

  const spawn = (): Slot => {
    // The sandbox's memory is WebAssembly memory; this caps the worker's own JavaScript heap.
    const slot: Slot = {
      worker: new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 64 } }),
      busy: false,
    };
    slot.worker.unref();
    return slot;
  };

  const replace = (slot: Slot): void => {
    void slot.worker.terminate();
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
  };

  const dispatch = (): void => {
    while (queue.length && !stopped) {
      let slot = slots.find((s) => !s.busy);
      if (!slot && slots.length < size) slots.push((slot = spawn()));
      if (!slot) return;
      const waiting = queue.shift()!;
      execute(slot, waiting);
    }
  };

  const execute = (slot: Slot, { job, resolve }: Waiting): void => {
    slot.busy = true;
    const id = nextId++;
    let settled = false;
    const done = (outcome: CodeOutcome, broken: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      if (broken) replace(slot);
      else slot.busy = false;
      resolve(outcome);
      dispatch();
    };
    const onMessage = (
      message: { id: number; ok: boolean; output?: string } & Omit<CodeOutcome, 'ok' | 'output'>,
    ): void => {
      if (message.id !== id) return;
      const { id: _id, ...rest } = message;
      done(
        rest.ok
          ? { ...(rest as CodeOutcome & { ok: true }), output: JSON.parse(message.output!) }
          : (rest as CodeOutcome),
        false,
      );
    };
    const onError = (error: Error): void =>
      done(
        {
          ok: false,
          kind: /memory/i.test(error.message) ? 'memory' : 'threw',
          message: `The sandbox failed: ${error.message}`,
          logs: [],
          logsTruncated: false,
        },
        true,
      );
    const onExit = (): void =>
      done(
        {
          ok: false,
          kind: 'threw',
          message: 'The sandbox stopped while running the code.',
          logs: [],
          logsTruncated: false,
        },
        true,
      );
    const watchdog = setTimeout(
      () =>
        done(
          {
            ok: false,
            kind: 'timeout',
            message: `still running ${graceMs} ms after its deadline; the sandbox was terminated`,
            logs: [],
            logsTruncated: false,
          },
          true,
        ),
      job.limits.timeoutMs + graceMs,
    );
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
    let input: string;
    try {
      input = JSON.stringify(job.input ?? null);
    } catch (error) {
      done(
        {
          ok: false,
          kind: 'threw',
          message: `The input is not JSON: ${(error as Error).message}`,
          logs: [],
          logsTruncated: false,
        },
        false,
      );
      return;
    }
    slot.worker.postMessage({
      id,
      code: job.code,
      input,
      limits: {
        timeoutMs: job.limits.timeoutMs,
        memoryMb: job.limits.memoryMb,
        outputBytes: job.limits.outputKb * 1024,
        logBytes: job.limits.logKb * 1024,
      },
    });
  };

  return {
    run(job) {
      if (stopped)
        return Promise.resolve({
          ok: false,
          kind: 'threw',
          message: 'The engine is stopping.',
          logs: [],
          logsTruncated: false,
        });
      return new Promise((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    async stop() {
      stopped = true;
      for (const waiting of queue.splice(0))
        waiting.resolve({
          ok: false,
          kind: 'threw',
          message: 'The engine is stopping.',
          logs: [],
          logsTruncated: false,
        });
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
