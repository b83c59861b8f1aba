/**
 * The marketplace API: browse the registry's connectors (`/v1/marketplace`), install a version
 * or range while Wireup runs (`POST /v1/connectors`), see what an upgrade would break before
 * making it, upgrade (side by side: pinned workflows keep their version) and uninstall (refused
 * while a published workflow pins the version). Refusals are 4xx that say why.
 */
import type { FastifyInstance } from 'fastify';
import type { Marketplace } from '@wireup/marketplace';
import type { AppDeps } from '../app-deps.ts';
import { NotFoundError } from '../errors.ts';
import { marketplaceSchemas as schemas } from './marketplace-schemas.ts';

/** How long a catalogue index is reused before the registry is read again. */
const catalogueMaxAgeMs = 10_000;

function installationView(result: Awaited<ReturnType<Marketplace['install']>>) {
  const { installation, durationMs, alreadyInstalled } = result;
  return {
    connector: installation.connector,
    package: installation.package,
    version: installation.version,
    integrity: installation.integrity,
    sdk: installation.sdkRange,
    installedAt: installation.installedAt,
    durationMs: Math.round(durationMs),
    alreadyInstalled,
  };
}

export async function marketplaceRoutes(
  app: FastifyInstance,
  deps: AppDeps & { marketplace: Marketplace },
): Promise<void> {
  const { marketplace } = deps;
  let refreshedAt = 0;
  const fresh = async (force = false) => {
    if (!force && Date.now() - refreshedAt < catalogueMaxAgeMs) return;
    const result = await marketplace.catalogue.refresh();
    if (!result.stale) refreshedAt = Date.now();
  };
  const changed = () => {
    void deps.pages?.rebuild();
  };

  app.get<{ Querystring: { q?: string; category?: string; refresh?: boolean } }>(
    '/v1/marketplace',
    { schema: schemas.search },
    async (request) => {
      await fresh(request.query.refresh);
      const { data, indexedAt, stale } = await marketplace.catalogue.search({
        q: request.query.q,
        category: request.query.category,
      });
      const installed = marketplace.connectors.installed();
      return {
        registry: marketplace.registry.url,
        indexedAt,
        stale,
        data: data.map((e) => ({
          name: e.name,
          connector: e.connector,
          displayName: e.displayName,
          description: e.description,
          categories: e.categories,
          icon: e.icon,
          latest: e.latest,
          versions: e.versions.map((v) => v.version),
          installed: installed.filter((i) => i.connector === e.connector).map((i) => i.version),
          triggers: e.versions.find((v) => v.version === e.latest)?.manifest.triggers.map((t) => t.key) ?? [],
          actions: e.versions.find((v) => v.version === e.latest)?.manifest.actions.map((a) => a.key) ?? [],
        })),
      };
    },
  );

  const showPackage = async (wanted: string) => {
    await fresh();
    let entry = await marketplace.catalogue.get(wanted);
    if (!entry) {
      await fresh(true);
      entry = await marketplace.catalogue.get(wanted);
    }
    if (!entry) throw new NotFoundError('Marketplace connector', wanted);
    return {
      ...entry,
      installed: marketplace.connectors
        .installed()
        .filter((i) => i.connector === entry.connector)
        .map((i) => i.version),
    };
  };
  app.get<{ Params: { name: string } }>('/v1/marketplace/:name', { schema: schemas.getPackage }, async (request) =>
    showPackage(request.params.name),
  );
  // A scoped package name (`@acme/wireup-connector-crm`) may be given unencoded.
  app.get<{ Params: { scope: string; name: string } }>(
    '/v1/marketplace/:scope/:name',
    { schema: schemas.getScopedPackage },
    async (request) => {
      if (!request.params.scope.startsWith('@'))
        throw new NotFoundError('Marketplace connector', `${request.params.scope}/${request.params.name}`);
      return showPackage(`${request.params.scope}/${request.params.name}`);
    },
  );

  app.post<{ Body: { name: string; version?: string } }>(
    '/v1/connectors',
    { schema: schemas.install },
    async (request, reply) => {
      const result = await marketplace.install(request.body.name, request.body.version);
      if (!result.alreadyInstalled) changed();
      return reply.code(result.alreadyInstalled ? 200 : 201).send(installationView(result));
    },
  );

  app.get<{ Params: { name: string }; Querystring: { to: string; from?: string } }>(
    '/v1/connectors/:name/upgrade-report',
    { schema: schemas.upgradeReport },
    async (request) => marketplace.upgradeReport(request.params.name, request.query.to, request.query.from),
  );

  app.post<{ Params: { name: string }; Body: { version?: string } }>(
    '/v1/connectors/:name/upgrade',
    { schema: schemas.upgrade },
    async (request, reply) => {
      const result = await marketplace.upgrade(request.params.name, request.body?.version ?? 'latest');
      if (!result.alreadyInstalled) changed();
      return reply
        .code(result.alreadyInstalled ? 200 : 201)
        .send({ ...installationView(result), report: result.report });
    },
  );

  const uninstall = async (connector: string, v?: string) => {
    const removed = await marketplace.uninstall(connector, v);
    changed();
    return { removed: removed.map((i) => ({ connector: i.connector, package: i.package, version: i.version })) };
  };
  app.delete<{ Params: { name: string } }>('/v1/connectors/:name', { schema: schemas.uninstall }, async (request) =>
    uninstall(request.params.name),
  );
  app.delete<{ Params: { name: string; version: string } }>(
    '/v1/connectors/:name/versions/:version',
    { schema: schemas.uninstallVersion },
    async (request) => uninstall(request.params.name, request.params.version),
  );
}
