/** The Runs view's list kept current from the live stream: one changed run merged in. */
import type { Run } from '../api/types.ts';

/**
 * The list with `run` put in: replaced where it is, added in its place (newest first) when new,
 * removed when it no longer has the status the list is filtered by, or is not of the kind it
 * shows (`test`: test runs only when true, runs the app started only when false); at most `limit` runs.
 */
export function mergeRun(
  list: readonly Run[],
  run: Run,
  filter: { status?: string; test?: boolean; limit: number },
): Run[] {
  const others = list.filter((r) => r.id !== run.id);
  if (filter.status && run.status !== filter.status) return others;
  if (filter.test !== undefined && Boolean(run.test) !== filter.test) return others;
  const newer = (a: Run, b: Run) => (a.createdAt === b.createdAt ? a.id > b.id : a.createdAt > b.createdAt);
  const at = others.findIndex((r) => newer(run, r));
  const next = at < 0 ? [...others, run] : [...others.slice(0, at), run, ...others.slice(at)];
  // A run older than the whole (full) page belongs to a later page.
  if (at < 0 && others.length >= filter.limit) return others;
  return next.slice(0, filter.limit);
}
