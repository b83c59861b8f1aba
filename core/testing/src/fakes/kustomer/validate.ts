/**
 * Request-body checks in the spirit of Kustomer's API: unknown properties are refused, wrong
 * types and missing required fields are named. Each check returns a problem (field and
 * message) or null; the route turns it into its error shape.
 */

/** A field that failed a check: its JSON pointer and what is wrong. */
export interface BodyProblem {
  pointer: string;
  detail: string;
}

type Check = (value: unknown) => string | null;

export const isString: Check = (v) => (typeof v === 'string' ? null : 'must be a string');
export const isNonEmptyString: Check = (v) =>
  typeof v === 'string' && v.trim() !== '' ? null : 'must be a non-empty string';
export const isBoolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean');
export const isStringArray: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? null : 'must be an array of strings';
export const isObject: Check = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? null : 'must be an object';
export const isAny: Check = () => null;

/** One of the given values. */
export function oneOf(...values: unknown[]): Check {
  return (v) => (values.includes(v) ? null : `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
}

/** An integer between min and max inclusive. */
export function intBetween(min: number, max: number): Check {
  return (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? null
      : `must be an integer from ${min} to ${max}`;
}

/** An array of objects, each with a non-empty string under `key` (e.g. emails: [{email}]). */
export function objectsWith(key: string): Check {
  return (v) =>
    Array.isArray(v) &&
    v.every(
      (o) =>
        o &&
        typeof o === 'object' &&
        typeof (o as Record<string, unknown>)[key] === 'string' &&
        (o as Record<string, string>)[key] !== '',
    )
      ? null
      : `must be an array of objects with a "${key}" string`;
}

/**
 * Checks a body against `fields` (name → check) and `required` names. Returns the first
 * problem, or null when the body is acceptable.
 */
export function checkBody(body: unknown, fields: Record<string, Check>, required: string[] = []): BodyProblem | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { pointer: '', detail: 'the request body must be a JSON object' };
  const record = body as Record<string, unknown>;
  for (const name of required) {
    if (record[name] === undefined || record[name] === null || record[name] === '')
      return { pointer: `/${name}`, detail: `"${name}" is required` };
  }
  for (const [name, value] of Object.entries(record)) {
    const check = fields[name];
    if (!check) return { pointer: `/${name}`, detail: `"${name}" is not allowed` };
    const problem = value === undefined ? null : check(value);
    if (problem) return { pointer: `/${name}`, detail: `"${name}" ${problem}` };
  }
  return null;
}
