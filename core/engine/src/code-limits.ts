/**
 * Limits of code steps: what one run of a step's code may use. A workflow may set its own
 * (`codeLimits` in the document), up to the server's maxima (WIREUP_CODE_MAX_*); the
 * defaults apply otherwise (never above the maxima).
 */
import type { ValidationProblem } from '@wireup/sdk';

/** What one run of a code step may use. */
export interface CodeLimits {
  /** Wall time of the code, awaits included. Default 1000 ms. */
  timeoutMs: number;
  /** Memory of the sandbox (QuickJS heap). Default 32 MB. */
  memoryMb: number;
  /** Size of the return value as JSON. Default 256 KB. */
  outputKb: number;
  /** Size of the console lines kept in the run log; later lines are dropped. Default 16 KB. */
  logKb: number;
}

/** The defaults of a workflow that sets no `codeLimits`. */
export const defaultCodeLimits: CodeLimits = { timeoutMs: 1000, memoryMb: 32, outputKb: 256, logKb: 16 };

/** The server's maxima when WIREUP_CODE_MAX_* are not set. */
export const defaultCodeMaxima: CodeLimits = { timeoutMs: 10_000, memoryMb: 256, outputKb: 1024, logKb: 256 };

/** The environment variable that sets each maximum. */
export const codeMaximumVariables: Record<keyof CodeLimits, string> = {
  timeoutMs: 'WIREUP_CODE_MAX_TIMEOUT_MS',
  memoryMb: 'WIREUP_CODE_MAX_MEMORY_MB',
  outputKb: 'WIREUP_CODE_MAX_OUTPUT_KB',
  logKb: 'WIREUP_CODE_MAX_LOG_KB',
};

const keys = Object.keys(defaultCodeLimits) as Array<keyof CodeLimits>;

/** The limits a step runs with: the workflow's, else the defaults, each capped by the maxima. */
export function resolveCodeLimits(maxima: CodeLimits, own: Partial<CodeLimits> = {}): CodeLimits {
  const out = {} as CodeLimits;
  for (const key of keys) out[key] = Math.min(own[key] ?? defaultCodeLimits[key], maxima[key]);
  return out;
}

/** Problems of a workflow's `codeLimits` against the server's maxima (the schema checked the types). */
export function codeLimitProblems(own: Partial<CodeLimits> | undefined, maxima: CodeLimits): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const key of keys) {
    const value = own?.[key];
    if (value !== undefined && value > maxima[key]) {
      problems.push({
        path: `/codeLimits/${key}`,
        message: `is ${value}, above this server's maximum of ${maxima[key]}`,
        fix: `give at most ${maxima[key]}, or raise ${codeMaximumVariables[key]} on the server`,
      });
    }
  }
  return problems;
}
