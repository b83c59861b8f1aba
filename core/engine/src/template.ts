/**
 * Templates: `{{trigger.data.object.customer}}` and `{{steps.<id>.output.<path>}}` inside
 * strings, objects and arrays. Only path look-ups, never code. A string that is exactly one
 * template keeps the value's type (a number stays a number, an object an object); inside text
 * a value is written as text and a missing one as the empty string. Parsed templates are
 * cached, since the same workflow strings are rendered for every event.
 */

/** What templates read: the trigger event's payload and the outputs of finished steps. */
export interface TemplateContext {
  trigger: unknown;
  steps: Record<string, { output?: unknown }>;
}

/** A `{{…}}` expression: its text and its parsed path (null when the path is malformed). */
export interface TemplateExpression {
  raw: string;
  path: string[] | null;
}

/** A string split into literal text and expressions. */
export interface ParsedTemplate {
  parts: Array<string | TemplateExpression>;
  /** True when the whole string is one expression, so rendering keeps the value's type. */
  lone: boolean;
}

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;
const SEGMENT = /^(?:[\w$-]+|\[\d+\])/;
const CACHE_LIMIT = 10_000;
const cache = new Map<string, ParsedTemplate>();

/** Splits `a.b[0].c` / `a.b.0.c` into segments (letters, digits, `_`, `$`, `-`); null when malformed. */
export function parsePath(expression: string): string[] | null {
  const segments: string[] = [];
  let rest = expression;
  while (rest.length) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    segments.push(m[0].startsWith('[') ? m[0].slice(1, -1) : m[0]);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (!rest.length) return null;
    } else if (rest.length && !rest.startsWith('[')) return null;
  }
  return segments.length ? segments : null;
}

/** Parses a string once; later calls with the same text hit the cache. */
export function parseTemplate(text: string): ParsedTemplate {
  let parsed = cache.get(text);
  if (parsed) return parsed;
  const parts: ParsedTemplate['parts'] = [];
  let last = 0;
  for (const m of text.matchAll(EXPRESSION)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ raw: m[1], path: parsePath(m[1]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  parsed = { parts, lone: parts.length === 1 && typeof parts[0] !== 'string' };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/** Reads a path from the context. Own properties only, so `constructor` or `__proto__` read nothing. */
export function resolvePath(path: string[], context: TemplateContext): unknown {
  let current: unknown = context;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Renders one string. A lone template keeps the value's type; undefined when its path is missing. */
export function renderString(text: string, context: TemplateContext): unknown {
  if (!text.includes('{{')) return text;
  const { parts, lone } = parseTemplate(text);
  if (lone) {
    const expr = parts[0] as TemplateExpression;
    return expr.path ? resolvePath(expr.path, context) : text;
  }
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else out += part.path ? asText(resolvePath(part.path, context)) : `{{${part.raw}}}`;
  }
  return out;
}

/**
 * Renders templates in every string of a value (objects and arrays walked; keys left alone). A
 * missing value in an array becomes null, as JSON would store it (an object's key stays undefined,
 * that is, absent).
 */
export function renderTemplate(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') return renderString(value, context);
  if (Array.isArray(value)) return value.map((item) => renderTemplate(item, context) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderTemplate(item, context);
    return out;
  }
  return value;
}

/** A template found in a document, with the JSON pointer of the string holding it. */
export interface TemplateReference extends TemplateExpression {
  pointer: string;
}

/** Lists every template in a value, for validation and for the editor. */
export function findTemplates(value: unknown, pointer = ''): TemplateReference[] {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return [];
    return parseTemplate(value)
      .parts.filter((p): p is TemplateExpression => typeof p !== 'string')
      .map((p) => ({ ...p, pointer }));
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findTemplates(item, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, item]) =>
      findTemplates(item, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  }
  return [];
}
