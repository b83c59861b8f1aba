/**
 * The API's bearer token: WIREUP_API_TOKEN, or one generated at first start, kept in
 * <data dir>/api-token (mode 0600) and printed once so the user can copy it.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UnauthorizedError } from './errors.ts';

export interface ApiToken {
  token: string;
  /** True when it was generated just now (the CLI prints it). */
  generated: boolean;
}

/** Returns the configured token, the stored one, or a new stored one. */
export function loadApiToken(configured: string | undefined, dataDir: string): ApiToken {
  if (configured) return { token: configured, generated: false };
  const file = join(dataDir, 'api-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const token = `wu_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, token, { mode: 0o600 });
  return { token, generated: true };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time check of an `Authorization` header against the token. */
export function authorizationMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? timingSafeEqual(digest(match[1].trim()), digest(token)) : false;
}

/** onRequest hook for the encapsulated API plugin: the route that matched needs the token. */
export function requireToken(token: string) {
  return async (request: { headers: { authorization?: string } }): Promise<void> => {
    if (!authorizationMatches(request.headers.authorization, token)) throw new UnauthorizedError();
  };
}
