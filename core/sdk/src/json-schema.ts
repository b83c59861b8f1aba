/**
 * One Ajv instance for the SDK, and a helper that turns Ajv's errors into problems a person
 * can act on: where (path), what (message) and what to do (fix).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema } from './types.ts';
import type { ValidationProblem } from './errors.ts';

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const cache = new WeakMap<object, ValidateFunction>();

/** Compiles (once per schema object) and returns a validator. Throws when the schema itself is not valid. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** Says whether the value is a valid JSON Schema; returns the compile error's message when not. */
export function schemaCompileError(schema: unknown): string | null {
  try {
    compileSchema(schema as JsonSchema);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function fixFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `add the property "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `remove "${String(p.additionalProperty)}" or check its spelling`;
    case 'type':
      return `give a value of type ${String(p.type)}`;
    case 'enum':
      return `use one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `use ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `match the pattern ${String(p.pattern)} (kebab-case keys, semver versions)`;
    case 'minLength':
      return `give at least ${String(p.limit)} character(s)`;
    case 'maxLength':
      return `give at most ${String(p.limit)} character(s)`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `give a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `give a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'minItems':
      return `give at least ${String(p.limit)} item(s)`;
    case 'maxItems':
      return `give at most ${String(p.limit)} item(s)`;
    case 'format':
      return `give a valid ${String(p.format)}`;
    default:
      return 'see the schema for this field';
  }
}

/** Converts Ajv errors into problems with a path, a message and a fix. */
export function toProblems(errors: ErrorObject[] | null | undefined, prefix = ''): ValidationProblem[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'required'
        ? `/${String((e.params as { missingProperty: string }).missingProperty)}`
        : e.keyword === 'additionalProperties'
          ? `/${String((e.params as { additionalProperty: string }).additionalProperty)}`
          : '';
    const path = `${prefix}${e.instancePath}${extra}` || '/';
    const message =
      e.keyword === 'required'
        ? 'is required'
        : e.keyword === 'additionalProperties'
          ? 'is not a known property'
          : (e.message ?? 'is invalid');
    return { path, message, fix: fixFor(e) };
  });
}

/** Validates a value against a schema and returns its problems (empty when valid). */
export function validateValue(schema: JsonSchema, value: unknown, prefix = ''): ValidationProblem[] {
  const validate = compileSchema(schema);
  return validate(value) ? [] : toProblems(validate.errors, prefix);
}
