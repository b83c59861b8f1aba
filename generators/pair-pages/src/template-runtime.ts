/**
 * The few runtime functions that templates compiled by `template-compiler.ts` call (property
 * lookups are inlined there). Each one does what Handlebars 4.7's runtime does for the same construct, so a compiled template writes
 * the very bytes Handlebars would (tested against Handlebars in template-compiler.test.ts).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
const ANY_ESCAPE = /[&<>"'`=]/;
const ALL_ESCAPES = /[&<>"'`=]/g;
const escapeChar = (c: string): string => ESCAPES[c];
const hasOwn = Object.prototype.hasOwnProperty;

/** Handlebars' `escapeExpression`: `{{value}}`. */
export function esc(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value && typeof (value as { toHTML?: unknown }).toHTML === 'function')
    return (value as { toHTML(): string }).toHTML();
  else if (value == null) return '';
  else if (!value) return `${value as boolean | number}`;
  else text = `${value as string}`;
  return ANY_ESCAPE.test(text) ? text.replace(ALL_ESCAPES, escapeChar) : text;
}

/** A value a mustache prints: Handlebars calls a function found in the data (a "lambda") with the context. */
export const lambda = (value: unknown, context: unknown): unknown =>
  typeof value === 'function' ? value.call(context) : value;

/** `{{{value}}}`: printed as it is, nothing for null and undefined. */
export const raw = (value: unknown): string => (value == null ? '' : `${value as string}`);

/** The `if` helper's test (without `includeZero`): false, 0, '', null, undefined and [] are false. */
export function truthy(value: unknown, context: unknown): boolean {
  const v = typeof value === 'function' ? value.call(context) : value;
  return !!v && !(Array.isArray(v) && v.length === 0);
}

/** The `with` helper's test: like `if`, except that 0 counts. */
export function present(value: unknown, context: unknown): unknown {
  const v = typeof value === 'function' ? value.call(context) : value;
  return (!v && v !== 0) || (Array.isArray(v) && v.length === 0) ? undefined : { v };
}

/** What the `each` helper iterates: an array as it is (the loop skips holes), iterable values, or object values by `Object.keys`. */
export function items(value: unknown, context: unknown): unknown[] {
  const v = typeof value === 'function' ? value.call(context) : value;
  if (!v || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v;
  if (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') return [...(v as Iterable<unknown>)];
  return Object.keys(v).map((k) => (v as Record<string, unknown>)[k]);
}

/** A partial's context when it is given hash arguments: Handlebars' `extend({}, context, hash)`. */
export function extend(context: any, hash: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in context) if (hasOwn.call(context, k)) out[k] = context[k];
  for (const k in hash) out[k] = hash[k];
  return out;
}

/** What compiled templates are given as `rt`. */
export const templateRuntime = { esc, lambda, raw, truthy, present, items, extend };
export type TemplateRuntime = typeof templateRuntime;

/** Turns the source made by `compileTemplates` into the page renderers it defines. */
export function instantiateTemplates(source: string): Record<string, (context: object) => string> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is generated from our templates, not user input
  return new Function('rt', source)(templateRuntime) as Record<string, (context: object) => string>;
}
