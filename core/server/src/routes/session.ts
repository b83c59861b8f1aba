/**
 * `/auth/*`: the editor's sign-in. `GET /auth/sign-in?code=` redeems the one-time code that
 * `wireup start` prints and redirects to the editor with the session cookie set;
 * `POST /auth/sign-in {token}` does the same with the API token (for a second browser, or
 * after the code was spent); `GET /auth/session` tells the editor its CSRF token;
 * `POST /auth/sign-out` ends the session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { authorizationMatches } from '../api-token.ts';
import { SESSION_COOKIE, cookieValue, sessionCookie, type Session } from '../sessions.ts';
import { requireSession } from '../session-auth.ts';
import { RequestInvalidError, UnauthorizedError } from '../errors.ts';
import { errorResponses } from '../api-schemas.ts';

const sessionInfo = {
  description: 'The session: the CSRF token to send as X-Wireup-CSRF, and when it expires',
  type: 'object',
  required: ['csrfToken', 'expiresAt'],
  properties: { csrfToken: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
};
const schemas = {
  // A link for the browser rather than an API call, documented all the same: the path answers GET.
  signInWithCode: {
    summary: 'The one-time sign-in link `wireup start` prints: sets the session cookie and redirects into the editor',
    tags: ['editor session'],
    security: [],
    querystring: {
      type: 'object',
      properties: {
        code: { type: 'string', maxLength: 200 },
        next: { type: 'string', maxLength: 2000, description: 'Editor path to open after sign-in' },
      },
    },
    response: {
      302: {
        description: 'To `next` (signed in) or to /sign-in?error=code (code unknown, spent or expired)',
        type: 'null',
      },
      ...errorResponses(400),
    },
  },
  signInWithToken: {
    summary: 'Open an editor session with the API token',
    tags: ['editor session'],
    security: [],
    body: {
      type: 'object',
      required: ['token'],
      additionalProperties: false,
      properties: { token: { type: 'string', minLength: 1, maxLength: 1000 } },
    },
    response: { 200: sessionInfo, ...errorResponses(400, 401) },
  },
  session: {
    summary: 'The session of the cookie sent (its CSRF token)',
    tags: ['editor session'],
    response: { 200: sessionInfo, ...errorResponses(400, 401) },
  },
  signOut: {
    summary: 'End the session of the cookie sent',
    tags: ['editor session'],
    response: { 204: { description: 'Signed out; the cookie is cleared' }, ...errorResponses(400, 401, 403) },
  },
};

/** Only same-site paths are followed after sign-in (never another origin). */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export async function sessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const secure = deps.config.publicUrl.startsWith('https:');
  const started = (reply: FastifyReply, session: Session) =>
    reply.header('set-cookie', sessionCookie(session, secure)).header('cache-control', 'no-store');
  const describe = (session: Session) => ({ csrfToken: session.csrfToken, expiresAt: session.expiresAt });

  app.get<{ Querystring: { code?: string; next?: string } }>(
    '/auth/sign-in',
    { schema: schemas.signInWithCode },
    async (request, reply) => {
      const session = await deps.sessions.redeemCode(String(request.query.code ?? ''));
      if (!session) return reply.header('cache-control', 'no-store').redirect('/sign-in?error=code', 302);
      return started(reply, session).redirect(safeNext(request.query.next), 302);
    },
  );

  app.post<{ Body: { token?: unknown } }>(
    '/auth/sign-in',
    { schema: schemas.signInWithToken },
    async (request, reply) => {
      const token = (request.body as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || !token) throw new RequestInvalidError('Send {"token": "<API token>"}');
      if (!authorizationMatches(`Bearer ${token}`, deps.apiToken)) throw new UnauthorizedError();
      const session = await deps.sessions.open();
      return started(reply, session).send(describe(session));
    },
  );

  app.get('/auth/session', { schema: schemas.session }, async (request: FastifyRequest, reply) => {
    const session = await requireSession(request, deps.sessions);
    return reply.header('cache-control', 'no-store').send(describe(session));
  });

  app.post('/auth/sign-out', { schema: schemas.signOut }, async (request, reply) => {
    await requireSession(request, deps.sessions);
    await deps.sessions.end(cookieValue(request.headers.cookie, SESSION_COOKIE) ?? '');
    return reply.header('set-cookie', sessionCookie(null, secure)).code(204).send();
  });
}
