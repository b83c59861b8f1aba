/**
 * Accepts the editor's session cookie where the API accepts a bearer token. A request with the
 * cookie that changes something (any method but GET, HEAD, OPTIONS) must also carry the
 * session's CSRF token in `X-Wireup-CSRF`: another site can make the browser send the cookie
 * (SameSite=Strict already stops most of that) but cannot read the token to send it.
 */
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, cookieValue, csrfMatches, type Session, type Sessions } from './sessions.ts';
import { CsrfTokenInvalidError, SessionInvalidError, UnauthorizedError } from './errors.ts';
import { authorizationMatches } from './api-token.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's live session, or null when it carries no session cookie. */
export async function sessionOf(request: FastifyRequest, sessions: Sessions): Promise<Session | null> {
  const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
  return id ? sessions.get(id) : null;
}

/** Throws unless the request carries a live session cookie (and, when it changes something, the CSRF token). */
export async function requireSession(request: FastifyRequest, sessions: Sessions): Promise<Session> {
  const session = await sessionOf(request, sessions);
  if (!session) throw new SessionInvalidError();
  if (!safeMethods.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], session))
    throw new CsrfTokenInvalidError();
  return session;
}

/**
 * onRequest hook for the encapsulated API plugin: the bearer token, or else the session cookie.
 * A request that sends a wrong bearer token is refused even when it also carries a cookie.
 */
export function requireTokenOrSession(token: string, sessions: Sessions) {
  return async (request: FastifyRequest): Promise<void> => {
    if (authorizationMatches(request.headers.authorization, token)) return;
    if (request.headers.authorization) throw new UnauthorizedError();
    await requireSession(request, sessions);
  };
}
