/**
 * Checks a connection's auth against its connector's declared fields and splits it into the
 * secret part (sealed) and the public part (returned by the API).
 */
import type { ConnectorManifest, ValidationProblem } from '@wireup/sdk';

export interface SplitAuth {
  /** Every field, defaults applied: what gets sealed. */
  all: Record<string, string>;
  /** The fields that are not secret. */
  publicAuth: Record<string, string>;
}

/** Problems of `auth` for this connector (unknown, missing or non-string fields). `previous` fills omitted fields on update. */
export function checkAuth(
  manifest: ConnectorManifest,
  auth: unknown,
  previous: Record<string, string> = {},
): { problems: ValidationProblem[]; split: SplitAuth } {
  const problems: ValidationProblem[] = [];
  const given = (auth && typeof auth === 'object' && !Array.isArray(auth) ? auth : {}) as Record<string, unknown>;
  if (auth !== undefined && (typeof auth !== 'object' || auth === null || Array.isArray(auth))) {
    problems.push({
      path: '/auth',
      message: 'must be an object',
      fix: `give {${manifest.auth.fields.map((f) => f.key).join(', ')}}`,
    });
  }
  const fields = new Map(manifest.auth.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(given)) {
    if (!fields.has(key))
      problems.push({
        path: `/auth/${key}`,
        message: `is not a field of ${manifest.displayName} connections`,
        fix: `use only: ${[...fields.keys()].join(', ')}`,
      });
  }
  const all: Record<string, string> = {};
  const publicAuth: Record<string, string> = {};
  for (const field of manifest.auth.fields) {
    const value = given[field.key] ?? previous[field.key] ?? field.default;
    if (value === undefined || value === '') {
      if (field.required)
        problems.push({ path: `/auth/${field.key}`, message: 'is required', fix: `give the ${field.label}` });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({
        path: `/auth/${field.key}`,
        message: 'must be a string',
        fix: `give the ${field.label} as text`,
      });
      continue;
    }
    all[field.key] = value;
    if (!field.secret) publicAuth[field.key] = value;
  }
  return { problems, split: { all, publicAuth } };
}
