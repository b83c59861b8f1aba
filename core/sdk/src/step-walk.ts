/**
 * The one walker of a workflow's step tree: every step, switch branches included, in document
 * order (a switch, then its cases in key order, then its default, then the step after it), each
 * with its JSON pointer. The engine's validation, size limits, template warnings and recipe
 * checks, the connections and connector versions a workflow uses, the pair pages' usage counts,
 * and the manifest's recipe checks all read the tree through it, so "switch branches included"
 * means the same thing everywhere. It lives in the SDK because connector manifests' recipes are
 * step trees too, and the SDK (and the generators built on it) cannot import the engine.
 *
 * It takes documents that were not validated yet (the limits are checked before the schema):
 * anything that is not an array of steps is walked as far as it has that shape, and it uses a
 * stack, not recursion, so a hostile document cannot overflow it.
 */

/** A branch a step sits in: the switch's pointer and the branch's own (`…/cases/<value>` or `…/default`). */
export interface BranchRef {
  switch: string;
  branch: string;
}

/** One step of the tree, where it sits. */
export interface StepVisit<S = unknown> {
  step: S;
  /** JSON pointer of the step (`/steps/2/cases/refund/0`). */
  pointer: string;
  /** Switch steps around it (0 at the top level). */
  depth: number;
  /** The branches it sits in, outermost first. */
  branches: readonly BranchRef[];
}

export interface WalkOptions {
  /** Where the list is in its document. Default `/steps`. */
  pointer?: string;
  /** Steps deeper than this many switches are not visited (their switch still is). Default: no limit. */
  maxDepth?: number;
}

/** Escapes a key as one JSON pointer token (RFC 6901). */
export const pointerToken = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

type Branchy = { type?: unknown; cases?: unknown; default?: unknown };

/** The branches of a switch step, in the order they are walked: each case in key order, then `default`. */
export function branchesOf(step: unknown, pointer: string): Array<{ pointer: string; steps: unknown[] }> {
  const s = step as Branchy | null;
  if (!s || typeof s !== 'object' || s.type !== 'switch') return [];
  const out: Array<{ pointer: string; steps: unknown[] }> = [];
  if (s.cases && typeof s.cases === 'object' && !Array.isArray(s.cases)) {
    for (const [value, steps] of Object.entries(s.cases))
      if (Array.isArray(steps)) out.push({ pointer: `${pointer}/cases/${pointerToken(value)}`, steps });
  }
  if (Array.isArray(s.default)) out.push({ pointer: `${pointer}/default`, steps: s.default });
  return out;
}

/** Every step of `steps` and of the branches below it, in document order. */
export function* walkSteps<S = unknown>(steps: unknown, options: WalkOptions = {}): Generator<StepVisit<S>> {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const stack: Array<StepVisit<S>> = [];
  const pushList = (list: unknown[], pointer: string, depth: number, branches: readonly BranchRef[]) => {
    for (let i = list.length - 1; i >= 0; i--)
      stack.push({ step: list[i] as S, pointer: `${pointer}/${i}`, depth, branches });
  };
  if (Array.isArray(steps)) pushList(steps, options.pointer ?? '/steps', 0, []);
  while (stack.length) {
    const visit = stack.pop()!;
    yield visit;
    if (visit.depth + 1 > maxDepth) continue;
    const branches = branchesOf(visit.step, visit.pointer);
    for (let b = branches.length - 1; b >= 0; b--) {
      pushList(branches[b].steps, branches[b].pointer, visit.depth + 1, [
        ...visit.branches,
        { switch: visit.pointer, branch: branches[b].pointer },
      ]);
    }
  }
}

/** The steps of a tree, flattened in document order. */
export const allSteps = <S = unknown>(steps: unknown): S[] => Array.from(walkSteps<S>(steps), (v) => v.step);

const within = (pointer: string, ancestor: string) => pointer === ancestor || pointer.startsWith(`${ancestor}/`);

/**
 * Whether `earlier` (visited before `later`) may have run before `later` in some run: false only
 * when they sit in different branches of the same switch. A switch runs before its branches; the
 * steps after a switch may follow any of its branches.
 */
export function mayRunBefore(earlier: StepVisit, later: StepVisit): boolean {
  return earlier.branches.every((b) => !within(later.pointer, b.switch) || within(later.pointer, b.branch));
}
