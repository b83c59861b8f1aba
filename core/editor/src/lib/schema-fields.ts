/**
 * Form fields from an action's input JSON Schema: one field per property, in schema order,
 * with its label, help (the description), whether it is required, and the widget its type
 * asks for (enums become selects). `coerce` turns what was typed into the schema's type.
 */
import type { JsonSchema } from '../api/types.ts';

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'select' | 'list' | 'json';

export interface FormField {
  key: string;
  label: string;
  help?: string;
  required: boolean;
  kind: FieldKind;
  /** For selects: the allowed values. */
  options?: string[];
  schema: JsonSchema;
}

/** The primary type of a schema (`["string","null"]` → string). */
export function primaryType(schema: JsonSchema | undefined): string | undefined {
  const t = schema?.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  if (t) return t;
  if (schema?.enum?.length) return typeof schema.enum[0];
  if (schema?.const !== undefined) return typeof schema.const;
  return undefined;
}

/** "assignedTeams" → "Assigned teams". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.length) return 'select';
  switch (primaryType(schema)) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return primaryType(schema.items) === 'string' || primaryType(schema.items) === undefined ? 'list' : 'json';
    default:
      return 'json';
  }
}

/** The fields of an object schema; required ones first, each group in schema order. */
export function fieldsOf(schema: JsonSchema | undefined): FormField[] {
  const required = new Set(schema?.required ?? []);
  const fields = Object.entries(schema?.properties ?? {}).map(([key, property]): FormField => ({
    key,
    label: property.title ?? labelOf(key),
    help: property.description,
    required: required.has(key),
    kind: kindOf(property),
    options: Array.isArray(property.enum) ? property.enum.map(String) : undefined,
    schema: property,
  }));
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

/** True when a value is exactly one template, such as `{{trigger.data.object.id}}`. */
export const isSingleTemplate = (value: unknown) => typeof value === 'string' && /^\{\{\s*[^{}]+?\s*\}\}$/.test(value);

/**
 * What to store for what was typed into a field: numbers and integers as numbers (a template
 * stays text, the engine keeps its type), lists one item per line, JSON parsed. Empty means
 * "not set" (undefined). Throws a message when the text does not fit the type.
 */
export function coerce(field: FormField, text: string): unknown {
  if (text === '') return undefined;
  if (text.includes('{{') && field.kind !== 'list') return text;
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n)))
        throw new Error(`${field.label} must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}`);
      if (field.schema.minimum !== undefined && n < field.schema.minimum)
        throw new Error(`${field.label} must be at least ${field.schema.minimum}`);
      if (field.schema.maximum !== undefined && n > field.schema.maximum)
        throw new Error(`${field.label} must be at most ${field.schema.maximum}`);
      return n;
    }
    case 'boolean':
      return text === 'true';
    case 'list':
      return text
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`${field.label} must be JSON`);
      }
    default:
      return text;
  }
}

/** The text a stored value shows in its field (the inverse of `coerce`). */
export function display(field: FormField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'list' && Array.isArray(value)) return value.join('\n');
  if (field.kind === 'json' && typeof value !== 'string') return JSON.stringify(value, null, 2);
  return String(value);
}
