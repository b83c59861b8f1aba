/**
 * Auth fields that say where a connection's secrets are sent (`destination: true` in the
 * manifest, e.g. Kustomer `baseUrl`). Such a value must be an http(s) URL, `https://` unless
 * private egress is allowed, and not a literal address the egress guard refuses. Changing it
 * on an update requires the secret fields again in the same request: otherwise anyone able to
 * edit the connection could point it at their own host and receive the stored key on the next
 * credentials check or action.
 */
import { type ConnectorManifest, type EgressAllowance, type ValidationProblem } from '@wireup/sdk';
import { assertEgressAllowed } from '@wireup/runtime';

/** What is wrong with the destination fields: plain problems (400) and the secret fields that must be given again (422). */
export interface DestinationCheck {
  problems: ValidationProblem[];
  secretsRequired: ValidationProblem[];
}

function sameDestination(a: string | undefined, b: string | undefined): boolean {
  const norm = (v: string | undefined) => (v ?? '').trim().replace(/\/+$/, '');
  return norm(a) === norm(b);
}

function urlProblem(key: string, value: string, allowance: EgressAllowance): ValidationProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      path: `/auth/${key}`,
      message: `"${value}" is not a URL`,
      fix: 'give the API base such as https://<org>.api.example.com',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { path: `/auth/${key}`, message: 'must start with https://', fix: 'give an https:// URL' };
  if (url.username || url.password)
    return {
      path: `/auth/${key}`,
      message: 'must not carry a user name or password',
      fix: 'give the credentials in their own fields',
    };
  if (url.protocol === 'http:' && allowance === false) {
    return {
      path: `/auth/${key}`,
      message: 'is a plain http:// URL: the secrets would travel unencrypted',
      fix: 'use https://, or set WIREUP_EGRESS_ALLOW_PRIVATE for an app on a private network',
    };
  }
  try {
    assertEgressAllowed(url.hostname, allowance);
  } catch (error) {
    return { path: `/auth/${key}`, message: (error as Error).message, fix: "give the app's public address" };
  }
  return undefined;
}

/**
 * Checks the destination fields of `all` (the auth about to be stored). On an update,
 * `previous` is the stored auth and `given` the request's auth fields.
 */
export function checkDestinations(
  manifest: ConnectorManifest,
  all: Record<string, string>,
  given: Record<string, unknown>,
  allowance: EgressAllowance,
  previous?: Record<string, string>,
): DestinationCheck {
  const problems: ValidationProblem[] = [];
  const secretsRequired: ValidationProblem[] = [];
  const destinations = manifest.auth.fields.filter((f) => f.destination);
  for (const field of destinations) {
    const value = all[field.key];
    const problem = value === undefined ? undefined : urlProblem(field.key, value, allowance);
    if (problem) problems.push(problem);
  }
  if (!previous) return { problems, secretsRequired };
  const changed = destinations.filter((f) => !sameDestination(all[f.key], previous[f.key])).map((f) => f.key);
  if (!changed.length) return { problems, secretsRequired };
  for (const field of manifest.auth.fields) {
    if (!field.secret || field.filledByRegistration || !previous[field.key] || typeof given[field.key] === 'string')
      continue;
    secretsRequired.push({
      path: `/auth/${field.key}`,
      message: `must be given again: changing ${changed.join(', ')} changes where it is sent`,
      fix: `send the ${field.label} together with the new ${changed.join(', ')}`,
    });
  }
  return { problems, secretsRequired };
}
