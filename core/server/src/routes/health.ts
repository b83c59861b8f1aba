/** `GET /healthz` (liveness and the adapters in use) and `GET /metrics` (Prometheus text). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { authorizationMatches } from '../api-token.ts';
import { UnauthorizedError } from '../errors.ts';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/healthz', { schema: schemas.healthz }, async () => ({
    status: 'ok',
    role: deps.config.role,
    store: deps.config.mongodbUrl ? 'mongodb' : 'sqlite',
    bus: deps.config.kafkaBrokers ? 'kafka' : 'outbox',
    connectors: deps.catalog.list().map((c) => `${c.manifest.name}@${c.manifest.version}`),
  }));
  // The metrics tell what runs here (connectors, volumes, errors): the API token guards them unless WIREUP_METRICS_PUBLIC.
  app.get(
    '/metrics',
    {
      schema: schemas.metrics,
      onRequest: async (request) => {
        if (!deps.config.metricsPublic && !authorizationMatches(request.headers.authorization, deps.apiToken))
          throw new UnauthorizedError();
      },
    },
    async (_request, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.text()),
  );
}
