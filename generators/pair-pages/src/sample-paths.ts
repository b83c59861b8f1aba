/** Reads a trigger's sample payload to suggest field mappings such as `{{trigger.data.object.customer}}`. */

const MAX_DEPTH = 6;
const MAX_PATHS = 80;

/** Dotted paths of the scalar leaves of a sample (arrays are not descended), depth-first, at most 80. */
export function leafPaths(sample: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (out.length >= MAX_PATHS) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (path.length >= MAX_DEPTH) return;
      for (const [k, v] of Object.entries(value)) if (/^[A-Za-z_$][\w$]*$/.test(k)) walk(v, [...path, k]);
      return;
    }
    if (path.length && !Array.isArray(value)) out.push(path.join('.'));
  };
  walk(sample, []);
  return out;
}

/** A suggested mapping of one action input from the trigger's payload. */
export interface FieldMapping {
  /** The action's input field, e.g. `customer`. */
  input: string;
  /** The template that fills it, e.g. `{{trigger.data.object.customer}}`. */
  template: string;
}

/**
 * Picks the mapping a person would make first: the first action input (required ones come
 * first) whose name ends a path of the trigger's payload; else the first input fed from an
 * `id`-like path; undefined when the action has no inputs or the payload no fields.
 */
export function suggestMapping(samplePaths: string[], inputs: string[]): FieldMapping | undefined {
  if (!inputs.length || !samplePaths.length) return undefined;
  for (const input of inputs) {
    const path = samplePaths.find((p) => p === input || p.endsWith(`.${input}`));
    if (path) return { input, template: `{{trigger.${path}}}` };
  }
  const idPath = samplePaths.find((p) => /(^|\.)(id|email)$/.test(p)) ?? samplePaths[0];
  return { input: inputs[0], template: `{{trigger.${idPath}}}` };
}
