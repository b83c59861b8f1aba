/**
 * Builds the Fastify app: one error handler, one plugin per route group. The API's route
 * groups live in one encapsulated plugin whose onRequest hook checks the bearer token, so the
 * check runs on the route that matched, whatever spelling of its path the client sent;
 * webhooks (signed by their provider), health, metrics, the OpenAPI document and the pages
 * sit outside it. The editor's session cookie (with its CSRF token) is accepted where the
 * token is; the editor itself and its sign-in routes sit outside.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { requireTokenOrSession } from './session-auth.ts';
import { checkRequestTarget } from './request-target.ts';
import { RequestLogController } from './request-log.ts';
import {
  JsonTooDeepError,
  MethodNotAllowedError,
  RequestJsonError,
  RouteNotFoundError,
  UrlInvalidError,
} from './errors.ts';
import { openapiDocument, registerOpenapi } from './openapi.ts';
import { addApiSchemas, errorResponses } from './api-schemas.ts';
import { createMethodIndex } from './method-index.ts';
import { sendError } from './error-handler.ts';
import { splitCoercion } from './validator-compilers.ts';
import { answerClientError, maxHeaderSize } from './client-errors.ts';
import { jsonTooDeepAt } from './json-depth.ts';
import { limits } from './limits.ts';
import { healthRoutes } from './routes/health.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { connectionRoutes } from './routes/connections.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { workflowTestRoutes } from './routes/workflow-tests.ts';
import { runRoutes } from './routes/runs.ts';
import { deadLetterRoutes } from './routes/dead-letters.ts';
import { pagesRoutes } from './routes/pages.ts';
import { sessionRoutes } from './routes/session.ts';
import { editorRoutesPlugin } from './routes/editor.ts';
import { marketplaceRoutes } from './routes/marketplace.ts';

/** The Fastify app, with every route it registered (method and URL pattern) for the OpenAPI and auth checks. */
export type WireupApp = FastifyInstance & { routesSeen: Array<{ method: string; url: string }> };

export async function buildApp(deps: AppDeps): Promise<WireupApp> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : {}),
    logController: new RequestLogController(),
    bodyLimit: limits.apiBodyBytes,
    // Slow clients (slowloris): headers, the whole request and idle keep-alive connections are bounded.
    requestTimeout: deps.config.timeouts.requestMs,
    keepAliveTimeout: deps.config.timeouts.keepAliveMs,
    clientErrorHandler: answerClientError,
    http: {
      maxHeaderSize,
      headersTimeout: deps.config.timeouts.headersMs,
      connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(deps.config.timeouts.headersMs / 4))),
    },
    // Unknown body fields are refused by the schemas (additionalProperties: false), never dropped silently.
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: splitCoercion(),
    // Path parameters are bounded by their schemas (npm package names reach 214 characters); this is the router's outer bound.
    routerOptions: { maxParamLength: 300 },
    // Errors the router raises before any hook (a path with malformed percent-encoding) get the one error shape too.
    frameworkErrors: (error, request, reply) => {
      void sendError(
        error.code === 'FST_ERR_BAD_URL' ? new UrlInvalidError(request.raw.url ?? '') : error,
        request,
        reply,
      );
    },
  }) as unknown as WireupApp;
  app.routesSeen = [];
  const methodIndex = createMethodIndex();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routesSeen.push({ method, url: route.url });
      if (!(route.schema as { hide?: boolean } | undefined)?.hide) methodIndex.add(method, route.url);
    }
  });
  // Responses are sent as built (JSON.stringify): the response schemas document them and the
  // tests check them, but a serializer compiled from them would drop undocumented fields silently.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  addApiSchemas(app);
  await registerOpenapi(app);

  app.addHook('onRequest', checkRequestTarget);
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.httpRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.setErrorHandler(sendError);
  // No route matched: 405 when the path answers other methods, else 404. Decided in onRequest,
  // before Fastify would parse (and judge) a body for a route that does not exist.
  const unmatched = (request: FastifyRequest) => {
    const path = request.url.split('?')[0];
    const allowed = methodIndex.allowed(request.url);
    return allowed.length
      ? new MethodNotAllowedError(request.method, path, allowed)
      : new RouteNotFoundError(request.method, path);
  };
  app.addHook('onRequest', async (request) => {
    if (request.is404) throw unmatched(request);
  });
  app.setNotFoundHandler(async (request, reply) => sendError(unmatched(request), request, reply));

  // An empty JSON body (curl -H 'content-type: application/json' -X POST .../publish) means "no body", not an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(null, undefined);
    const deepAt = jsonTooDeepAt(text, limits.jsonDepth);
    if (deepAt !== null) return done(new JsonTooDeepError(deepAt, limits.jsonDepth), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new RequestJsonError((error as Error).message), undefined);
    }
  });

  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This document (OpenAPI 3.1, generated from the routes)',
        security: [],
        response: { 200: { description: 'The OpenAPI document', type: 'object' }, ...errorResponses(400) },
      },
    },
    async () => openapiDocument(app),
  );
  await app.register(async (scope) => healthRoutes(scope, deps));
  await app.register(async (scope) => webhookRoutes(scope, deps));
  await app.register(async (api) => {
    api.addHook('onRequest', requireTokenOrSession(deps.apiToken, deps.sessions));
    await api.register(async (scope) => connectorRoutes(scope, deps));
    await api.register(async (scope) => connectionRoutes(scope, deps));
    await api.register(async (scope) => workflowRoutes(scope, deps));
    await api.register(async (scope) => workflowTestRoutes(scope, deps));
    await api.register(async (scope) => runRoutes(scope, deps));
    await api.register(async (scope) => deadLetterRoutes(scope, deps));
    const { marketplace } = deps;
    if (marketplace) await api.register(async (scope) => marketplaceRoutes(scope, { ...deps, marketplace }));
  });
  await app.register(async (scope) => pagesRoutes(scope, deps));
  await app.register(async (scope) => sessionRoutes(scope, deps));
  await app.register(async (scope) => editorRoutesPlugin(scope, deps));
  return app;
}
