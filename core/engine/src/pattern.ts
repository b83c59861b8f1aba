/**
 * The `matches` operator's regular expressions, on RE2 (the `re2js` port): matching time grows
 * linearly with the subject, so no pattern (`^(a+)+$` included) can freeze the process the way
 * a backtracking engine does. The price is RE2's syntax: no backreferences (`\1`) and no
 * lookaround (`(?=…)`, `(?<!…)`); JavaScript spellings such as `(?<name>…)` are translated.
 *
 * Both sides are capped, because linear is still proportional to pattern size × subject length:
 * a pattern of at most MAX_PATTERN_LENGTH characters, a subject of at most MAX_SUBJECT_LENGTH
 * (the worst case measured, a 500-character pattern of nested stars over 21,000 characters,
 * takes about 0.6 s; at the caps it stays near a quarter of a second).
 */
import { RE2JS } from 're2js';
import { ConditionInvalidError } from './errors.ts';

/** Longest `matches` pattern, in characters. */
export const MAX_PATTERN_LENGTH = 500;
/** Longest text a `matches` condition tests, in characters. */
export const MAX_SUBJECT_LENGTH = 10_000;

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 1_000;

/** Compiles a `matches` pattern once. Throws ConditionInvalidError for a pattern RE2 refuses or one over the cap. */
export function compilePattern(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new ConditionInvalidError(
      `the "matches" pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`,
    );
  }
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    throw new ConditionInvalidError(
      `"${pattern}" is not a pattern the linear-time regex engine (RE2) accepts: ${(error as Error).message}`,
    );
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** True when `pattern` matches somewhere in `subject` (like RegExp#test). Throws ConditionInvalidError over the caps. */
export function testPattern(pattern: string, subject: string): boolean {
  const re = compilePattern(pattern);
  if (subject.length > MAX_SUBJECT_LENGTH) {
    throw new ConditionInvalidError(
      `the value tested by "matches" is ${subject.length} characters long; the limit is ${MAX_SUBJECT_LENGTH}. Test a shorter field, or use contains / starts_with`,
    );
  }
  return re.matcher(subject).find();
}
