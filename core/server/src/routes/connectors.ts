/** `GET /v1/connectors` and `GET /v1/connectors/:name`: the installed connectors and their manifests. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { NotFoundError } from '../errors.ts';

export async function connectorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/v1/connectors', { schema: schemas.listConnectors }, async () => ({
    data: deps.catalog.list().map(({ manifest: m }) => ({
      name: m.name,
      version: m.version,
      displayName: m.displayName,
      description: m.description,
      categories: m.categories,
      triggers: m.triggers.map((t) => t.key),
      actions: m.actions.map((a) => a.key),
    })),
  }));
  app.get<{ Params: { name: string } }>('/v1/connectors/:name', { schema: schemas.getConnector }, async (request) => {
    const connector = deps.catalog.get(request.params.name);
    if (!connector) throw new NotFoundError('Connector', request.params.name);
    return connector.manifest;
  });
}
