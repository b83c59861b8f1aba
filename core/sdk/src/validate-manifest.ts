/**
 * Manifest validation: the JSON Schema first, then the rules a schema cannot say (unique keys,
 * webhook triggers name their event, schemas compile, samples match their schemas).
 */
import manifestSchema from './manifest-schema.json' with { type: 'json' };
import { ManifestInvalidError, type ValidationProblem } from './errors.ts';
import { schemaCompileError, toProblems, validateValue, compileSchema } from './json-schema.ts';
import type { ConnectorManifest } from './generated/manifest.ts';
import type { JsonSchema } from './types.ts';
import { walkSteps } from './step-walk.ts';

/** The manifest JSON Schema, for editors and tools. */
export const connectorManifestSchema = manifestSchema as JsonSchema;

function duplicates(keys: string[]): string[] {
  return keys.filter((k, i) => keys.indexOf(k) !== i);
}

function checkSchemas(kind: 'triggers' | 'actions', index: number, item: Record<string, unknown>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const field of kind === 'actions' ? ['inputSchema', 'outputSchema'] : ['outputSchema']) {
    const error = schemaCompileError(item[field]);
    if (error)
      problems.push({
        path: `/${kind}/${index}/${field}`,
        message: `is not a valid JSON Schema: ${error}`,
        fix: 'give a draft-07 JSON Schema object',
      });
  }
  if (!problems.length) {
    for (const p of validateValue(item.outputSchema as JsonSchema, item.sample, `/${kind}/${index}/sample`)) {
      problems.push({
        ...p,
        message: `does not match outputSchema: ${p.message}`,
        fix: `make the sample match outputSchema (${p.fix})`,
      });
    }
  }
  return problems;
}

/**
 * Recipe rules this manifest alone can check: unique keys, and action steps on this connector
 * (switch branches included)
 * name one of its actions. Steps on other connectors, and inputs against their schemas, are
 * checked where every connector is known (the server's recipe test).
 */
function recipeProblems(m: ConnectorManifest): ValidationProblem[] {
  const recipes = m.recipes ?? [];
  const problems: ValidationProblem[] = [];
  for (const key of new Set(duplicates(recipes.map((r) => r.key)))) {
    problems.push({
      path: '/recipes',
      message: `key "${key}" is used more than once`,
      fix: 'give each recipe its own key',
    });
  }
  const actions = new Set(m.actions.map((a) => a.key));
  recipes.forEach((r, i) => {
    for (const { step, pointer } of walkSteps<{ type?: unknown; connector?: unknown; action?: unknown } | null>(
      r.steps,
      { pointer: `/recipes/${i}/steps` },
    )) {
      if (step?.type === 'action' && step.connector === m.name && !actions.has(String(step.action))) {
        problems.push({
          path: `${pointer}/action`,
          message: `names action "${String(step.action)}", which ${m.name} does not have`,
          fix: `use one of ${[...actions].join(', ')}`,
        });
      }
    }
  });
  return problems;
}

/** Returns every problem of a manifest (empty when valid). */
export function validateManifest(manifest: unknown): ValidationProblem[] {
  const validate = compileSchema(connectorManifestSchema);
  if (!validate(manifest)) return toProblems(validate.errors);
  const m = manifest as ConnectorManifest;
  const problems: ValidationProblem[] = [];
  for (const kind of ['triggers', 'actions'] as const) {
    for (const key of new Set(duplicates(m[kind].map((t) => t.key)))) {
      problems.push({ path: `/${kind}`, message: `key "${key}" is used more than once`, fix: 'give each key once' });
    }
    m[kind].forEach((item, i) => problems.push(...checkSchemas(kind, i, item as unknown as Record<string, unknown>)));
  }
  problems.push(...recipeProblems(m));
  m.triggers.forEach((t, i) => {
    if (t.strategy === 'webhook' && !t.event)
      problems.push({
        path: `/triggers/${i}/event`,
        message: 'is required for webhook triggers',
        fix: 'name the provider event it matches, e.g. "charge.failed"',
      });
    if (t.strategy === 'polling' && !t.pollIntervalSeconds)
      problems.push({
        path: `/triggers/${i}/pollIntervalSeconds`,
        message: 'is required for polling triggers',
        fix: 'say how often to poll, in seconds (at least 10)',
      });
  });
  return problems;
}

/** Throws ManifestInvalidError listing every problem when the manifest is invalid. */
export function assertValidManifest(manifest: unknown): asserts manifest is ConnectorManifest {
  const problems = validateManifest(manifest);
  if (problems.length)
    throw new ManifestInvalidError(String((manifest as { name?: unknown })?.name ?? 'unknown'), problems);
}
