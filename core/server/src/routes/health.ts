/** `GET /healthz` (liveness and the adapters in use) and `GET /metrics` (Prometheus text). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/healthz', { schema: schemas.healthz }, async () => ({
    status: 'ok',
    role: deps.config.role,
    store: deps.config.mongodbUrl ? 'mongodb' : 'sqlite',
    bus: deps.config.kafkaBrokers ? 'kafka' : 'outbox',
    connectors: deps.catalog.list().map((c) => `${c.manifest.name}@${c.manifest.version}`),
  }));
  app.get('/metrics', { schema: schemas.metrics }, async (_request, reply) => reply.type('text/plain; version=0.0.4').send(deps.metrics.text()));
}
