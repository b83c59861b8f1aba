/**
 * Error registries: each package lists the codes it raises, with the HTTP status the API
 * answers and what the code means (what happened, what to do). docs/errors.md is generated from
 * the registries (`npm run docs:errors`), and a test in tools/ fails when it is stale or when a
 * package raises a code its registry lacks.
 */
import type { ValidationProblem } from './errors.ts';

/** What the documentation says about one code. */
export interface ErrorCodeEntry {
  /** The HTTP status an API answer with this code has; null when it never is one (step errors, CLI exits). */
  status: number | null;
  /** Where the code shows when it is not an HTTP answer, e.g. `in step errors`, `CLI exit 1`. */
  shownIn?: string;
  /** What happened and what to do, in Markdown (one line). */
  meaning: string;
}

/** One package's codes. */
export interface ErrorRegistry {
  /** Who raises them, as docs/errors.md names it: `server`, `engine`, `sdk`, `stripe connector`, … */
  raisedBy: string;
  codes: Readonly<Record<string, ErrorCodeEntry>>;
}

/** Declares a package's error registry (in its errors.ts). */
export function defineErrorRegistry(raisedBy: string, codes: Record<string, ErrorCodeEntry>): ErrorRegistry {
  return { raisedBy, codes };
}

/**
 * The one way problems are written into a message: `/path message (fix: …)` joined by `; `
 * (the root path shows as `/`). `withFix: false` leaves the fixes out.
 */
export function formatProblems(problems: readonly ValidationProblem[], options: { withFix?: boolean } = {}): string {
  const withFix = options.withFix ?? true;
  return problems.map((p) => `${p.path || '/'} ${p.message}${withFix && p.fix ? ` (fix: ${p.fix})` : ''}`).join('; ');
}
