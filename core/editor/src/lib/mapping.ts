/**
 * Field mapping: the tree of what earlier parts of a workflow output (the trigger's sample, and
 * each earlier action's), the template a field gets when one of its leaves is dropped on it
 * (`{{trigger.data.object.customer}}`), and the type check of a mapped field against the
 * input's schema type, done before publish.
 */
import type { FormField } from './schema-fields.ts';
import { isSingleTemplate, primaryType } from './schema-fields.ts';
import type { JsonSchema } from '../api/types.ts';

/** Something whose output can be mapped: its sample value and output schema. */
export interface MappingSource {
  label: string;
  sample: unknown;
  schema?: JsonSchema;
}

/** Sources by the template root that reads them: `trigger`, or `steps.<id>.output`. */
export type MappingSources = Record<string, MappingSource>;

export interface TreeNode {
  key: string;
  /** The template that reads this value, e.g. `{{trigger.data.object.customer}}`. */
  template: string;
  type: string;
  /** A short rendering of the sample value (leaves only). */
  preview?: string;
  children?: TreeNode[];
}

/** The JSON type name of a value (`integer` for whole numbers). */
export function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const segment = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `.${key}`);

/** The browsable tree of a sample value under `root` (e.g. `trigger`), depth-limited. */
export function sampleTree(value: unknown, root: string, depth = 6): TreeNode[] {
  const walk = (v: unknown, path: string, level: number): TreeNode[] => {
    if (level > depth || v === null || typeof v !== 'object') return [];
    const entries = Array.isArray(v)
      ? v.slice(0, 3).map((x, i) => [String(i), x] as const)
      : Object.entries(v as Record<string, unknown>);
    return entries.map(([key, child]) => {
      const childPath = `${path}${segment(key)}`;
      const type = typeOfValue(child);
      const node: TreeNode = { key, template: `{{${childPath}}}`, type };
      if (child !== null && typeof child === 'object') node.children = walk(child, childPath, level + 1);
      else node.preview = JSON.stringify(child)?.slice(0, 60);
      return node;
    });
  };
  return walk(value, root, 0);
}

/** The non-null branch of `anyOf`/`oneOf` (an optional object), or the schema itself. */
function concrete(schema: JsonSchema | undefined): JsonSchema | undefined {
  const options = (schema?.anyOf ?? schema?.oneOf) as JsonSchema[] | undefined;
  return options ? (options.find((o) => o.type !== 'null') ?? schema) : schema;
}

/** The schema at a path of an object schema, if it describes it. */
function schemaAt(schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let at = concrete(schema);
  for (const key of path) {
    at = concrete(at);
    if (!at) return undefined;
    if (primaryType(at) === 'array' || at.items) at = /^\d+$/.test(key) ? at.items : undefined;
    else at = at.properties?.[key];
  }
  return concrete(at);
}

function valueAt(value: unknown, path: string[]): { found: boolean; value?: unknown } {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in (at as object))) return { found: false };
    at = (at as Record<string, unknown>)[key];
  }
  return { found: true, value: at };
}

/** Splits a template path to its source root and the path inside the source's output. */
function locate(path: string, sources: MappingSources): { source: MappingSource; rest: string[] } | null {
  const parts = path.split('.').map((p) => p.trim());
  if (parts[0] === 'trigger' && sources.trigger) return { source: sources.trigger, rest: parts.slice(1) };
  if (parts[0] === 'steps' && parts[2] === 'output') {
    const source = sources[`steps.${parts[1]}.output`];
    if (source) return { source, rest: parts.slice(3) };
  }
  return null;
}

/** The type a template path gives: from the source's output schema, else from its sample; undefined when unknown. */
export function typeOfPath(path: string, sources: MappingSources): string | undefined {
  const where = locate(path, sources);
  if (!where) return undefined;
  const fromSchema = primaryType(schemaAt(where.source.schema, where.rest));
  if (fromSchema) return fromSchema;
  const sample = valueAt(where.source.sample, where.rest);
  return sample.found ? typeOfValue(sample.value) : undefined;
}

/** Whether a value of type `actual` may go into an input of type `expected`. */
export function typeFits(expected: string | undefined, actual: string): boolean {
  if (!expected) return true;
  if (expected === actual) return true;
  if (expected === 'number' && actual === 'integer') return true;
  return false;
}

const an = (type: string | undefined) => `${/^[aeiou]/.test(type ?? '') ? 'an' : 'a'} ${type}`;

/** What is wrong with the value mapped to a field, or null. Literal values are checked by the form itself. */
export function mappingProblem(field: FormField, value: unknown, sources: MappingSources): string | null {
  if (typeof value !== 'string' || !value.includes('{{')) return null;
  const expected = field.kind === 'select' ? 'string' : primaryType(field.schema);
  const templates = [...value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1]);
  for (const path of templates) {
    if (!locate(path, sources)) return `{{${path}}} does not read the trigger or an earlier step`;
    if (typeOfPath(path, sources) === undefined) return `{{${path}}} is not in the sample output, so it may be empty`;
  }
  if (isSingleTemplate(value)) {
    const actual = typeOfPath(templates[0], sources)!;
    if (actual === 'null')
      return `{{${templates[0]}}} is empty (null) in the sample; ${field.label} needs ${an(expected)}`;
    if (!typeFits(expected, actual))
      return `{{${templates[0]}}} is ${an(actual)}, but ${field.label} needs ${an(expected)}`;
    return patternProblem(field, templates[0], sources);
  }
  // Text around a template makes text.
  return typeFits(expected, 'string')
    ? null
    : `text with a template is a string, but ${field.label} needs ${an(expected)}`;
}

/** A mapped text whose sample value does not have the form the input asks for (a Stripe `cus_…` where a Kustomer id goes). */
function patternProblem(field: FormField, path: string, sources: MappingSources): string | null {
  const pattern = typeof field.schema.pattern === 'string' ? field.schema.pattern : undefined;
  const where = locate(path, sources);
  if (!pattern || !where) return null;
  const sample = valueAt(where.source.sample, where.rest);
  if (!sample.found || typeof sample.value !== 'string') return null;
  let matches = true;
  try {
    matches = new RegExp(pattern, 'u').test(sample.value);
  } catch {
    return null;
  }
  return matches
    ? null
    : `{{${path}}} is "${sample.value.slice(0, 40)}" in the sample, which is not the form ${field.label} takes (${pattern})`;
}

/** Inserts a template into a field's text at the selection; returns the new text and caret. */
export function insertTemplate(
  text: string,
  template: string,
  start = text.length,
  end = start,
): { text: string; caret: number } {
  const next = text.slice(0, start) + template + text.slice(end);
  return { text: next, caret: start + template.length };
}

/** A stand-in value shaped like a schema, for outputs without a sample (so their fields can be mapped). */
export function sampleFromSchema(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 5) return null;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  switch (primaryType(schema)) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleFromSchema(v, depth + 1)]),
      );
    case 'array':
      return schema.items ? [sampleFromSchema(schema.items, depth + 1)] : [];
    case 'string':
      return '';
    case 'integer':
      return 0;
    case 'number':
      return 0.5;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
