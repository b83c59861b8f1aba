/**
 * Builds the Fastify app: bearer-token auth on /v1 (webhooks excepted), one error handler,
 * one plugin per route group.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { authorizationMatches } from './api-token.ts';
import { RequestJsonError, RouteNotFoundError, UnauthorizedError, toErrorResponse } from './errors.ts';
import { openapiDocument } from './openapi.ts';
import { healthRoutes } from './routes/health.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { connectionRoutes } from './routes/connections.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { runRoutes } from './routes/runs.ts';
import { pagesRoutes } from './routes/pages.ts';
import { sessionRoutes } from './routes/session.ts';
import { editorRoutesPlugin } from './routes/editor.ts';
import { requireSession } from './session-auth.ts';

/** The app, ready to listen. `routes` collects every registered method+path (the OpenAPI test reads it). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance & { routesSeen: Array<{ method: string; url: string }> }> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 }) as unknown as FastifyInstance & { routesSeen: Array<{ method: string; url: string }> };
  app.routesSeen = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.routesSeen.push({ method, url: route.url });
  });

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/v1/') && !path.startsWith('/v1/webhooks/') && !authorizationMatches(request.headers.authorization, deps.apiToken)) {
      // The editor's session cookie (with its CSRF token) stands in for the bearer token.
      if (request.headers.authorization) throw new UnauthorizedError();
      await requireSession(request, deps.sessions);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    // Publishing changes the most-used pairings the pair pages show: rebuild them (incrementally).
    if (deps.pages && reply.statusCode < 300 && request.method === 'POST' && /^\/v1\/workflows\/[^/]+\/(publish|unpublish)$/.test(request.url)) void deps.pages.rebuild();
    deps.metrics.inc('wireup_http_requests_total', { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const { status, body } = toErrorResponse(new RouteNotFoundError(request.method, request.url.split('?')[0]));
    return reply.code(status).send(body);
  });

  // An empty JSON body (curl -H 'content-type: application/json' -X POST .../publish) means "no body", not an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new RequestJsonError((error as Error).message), undefined);
    }
  });

  app.get('/openapi.json', async () => openapiDocument);
  await app.register(async (scope) => healthRoutes(scope, deps));
  await app.register(async (scope) => webhookRoutes(scope, deps));
  await app.register(async (scope) => connectorRoutes(scope, deps));
  await app.register(async (scope) => connectionRoutes(scope, deps));
  await app.register(async (scope) => workflowRoutes(scope, deps));
  await app.register(async (scope) => runRoutes(scope, deps));
  await app.register(async (scope) => pagesRoutes(scope, deps));
  await app.register(async (scope) => sessionRoutes(scope, deps));
  await app.register(async (scope) => editorRoutesPlugin(scope, deps));
  return app;
}
