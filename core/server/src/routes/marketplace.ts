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

const name = { type: 'string', minLength: 1, maxLength: 214 };
const version = { type: 'string', minLength: 1, maxLength: 256, description: 'An exact version, a semver range (the highest match is taken) or a dist-tag.' };
const strict = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });

/** How long a catalogue index is reused before the registry is read again. */
const catalogueMaxAgeMs = 10_000;

function installationView(result: Awaited<ReturnType<Marketplace['install']>>) {
  const { installation, durationMs, alreadyInstalled } = result;
  return { connector: installation.connector, package: installation.package, version: installation.version, integrity: installation.integrity, sdk: installation.sdkRange, installedAt: installation.installedAt, durationMs: Math.round(durationMs), alreadyInstalled };
}

export async function marketplaceRoutes(app: FastifyInstance, deps: AppDeps & { marketplace: Marketplace }): Promise<void> {
  const { marketplace } = deps;
  let refreshedAt = 0;
  const fresh = async (force = false) => {
    if (!force && Date.now() - refreshedAt < catalogueMaxAgeMs) return;
    const result = await marketplace.catalogue.refresh();
    if (!result.stale) refreshedAt = Date.now();
  };
  const changed = () => { void deps.pages?.rebuild(); };

  app.get<{ Querystring: { q?: string; category?: string; refresh?: boolean } }>('/v1/marketplace', {
    schema: { querystring: strict({ q: { type: 'string', maxLength: 200 }, category: { type: 'string', maxLength: 100 }, refresh: { type: 'boolean' } }) },
  }, async (request) => {
    await fresh(request.query.refresh);
    const { data, indexedAt, stale } = await marketplace.catalogue.search({ q: request.query.q, category: request.query.category });
    const installed = marketplace.connectors.installed();
    return {
      registry: marketplace.registry.url, indexedAt, stale,
      data: data.map((e) => ({
        name: e.name, connector: e.connector, displayName: e.displayName, description: e.description, categories: e.categories, icon: e.icon, latest: e.latest,
        versions: e.versions.map((v) => v.version), installed: installed.filter((i) => i.connector === e.connector).map((i) => i.version),
        triggers: e.versions.find((v) => v.version === e.latest)?.manifest.triggers.map((t) => t.key) ?? [],
        actions: e.versions.find((v) => v.version === e.latest)?.manifest.actions.map((a) => a.key) ?? [],
      })),
    };
  });

  // The package name may be scoped (`@acme/wireup-connector-crm`), so it is the rest of the path.
  app.get<{ Params: { '*': string } }>('/v1/marketplace/*', async (request) => {
    const wanted = decodeURIComponent(request.params['*']);
    await fresh();
    let entry = await marketplace.catalogue.get(wanted);
    if (!entry) { await fresh(true); entry = await marketplace.catalogue.get(wanted); }
    if (!entry) throw new NotFoundError('Marketplace connector', wanted);
    return { ...entry, installed: marketplace.connectors.installed().filter((i) => i.connector === entry.connector).map((i) => i.version) };
  });

  app.post<{ Body: { name: string; version?: string } }>('/v1/connectors', {
    schema: { body: strict({ name, version }, ['name']) },
  }, async (request, reply) => {
    const result = await marketplace.install(request.body.name, request.body.version);
    if (!result.alreadyInstalled) changed();
    return reply.code(result.alreadyInstalled ? 200 : 201).send(installationView(result));
  });

  app.get<{ Params: { name: string }; Querystring: { to: string; from?: string } }>('/v1/connectors/:name/upgrade-report', {
    schema: { querystring: strict({ to: version, from: version }, ['to']) },
  }, async (request) => marketplace.upgradeReport(request.params.name, request.query.to, request.query.from));

  app.post<{ Params: { name: string }; Body: { version?: string } }>('/v1/connectors/:name/upgrade', {
    schema: { body: strict({ version }) },
  }, async (request, reply) => {
    const result = await marketplace.upgrade(request.params.name, request.body?.version ?? 'latest');
    if (!result.alreadyInstalled) changed();
    return reply.code(result.alreadyInstalled ? 200 : 201).send({ ...installationView(result), report: result.report });
  });

  const uninstall = async (connector: string, v?: string) => {
    const removed = await marketplace.uninstall(connector, v);
    changed();
    return { removed: removed.map((i) => ({ connector: i.connector, package: i.package, version: i.version })) };
  };
  app.delete<{ Params: { name: string } }>('/v1/connectors/:name', async (request) => uninstall(request.params.name));
  app.delete<{ Params: { name: string; version: string } }>('/v1/connectors/:name/versions/:version', async (request) => uninstall(request.params.name, request.params.version));
}

const error = { $ref: '#/components/responses/Error' };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const pathParam = (n: string) => ({ name: n, in: 'path', required: true, schema: { type: 'string' } });
const queryParam = (n: string, description: string, required = false) => ({ name: n, in: 'query', required, description, schema: { type: 'string' } });
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

/** The OpenAPI paths of these routes (merged into openapi.ts). */
export const marketplaceOpenapiPaths = {
  '/v1/marketplace': { get: { summary: "The registry's connector packages (catalogue; answers from the last index when the registry is down, with stale: true)", parameters: [queryParam('q', 'Words matched against name, description, trigger and action names'), queryParam('category', 'Only this category'), queryParam('refresh', 'true: read the registry now')], responses: { 200: ok('Catalogue'), 400: error, 401: error } } },
  '/v1/marketplace/{name}': { get: { summary: 'One package: every version with its manifest, integrity, sdk range and publication date (scoped names may be given unencoded)', parameters: [pathParam('name')], responses: { 200: ok('Package'), 401: error, 404: error } } },
  '/v1/connectors/{name}/upgrade-report': { get: { summary: 'What moving the newest installed version (or `from`) to `to` changes, and the published workflow steps it would break', parameters: [pathParam('name'), queryParam('to', 'Target version or range', true), queryParam('from', 'Installed version to compare from')], responses: { 200: ok('Upgrade report'), 400: error, 401: error, 404: error, 409: error, 422: error } } },
  '/v1/connectors/{name}/upgrade': { post: { summary: 'Install a newer version beside the current ones and answer the upgrade report; pinned workflows keep their version', parameters: [pathParam('name')], requestBody: body(strict({ version })), responses: { 200: ok('Already installed'), 201: ok('Installed, with report'), 400: error, 401: error, 404: error, 409: error, 422: error, 503: error } } },
  '/v1/connectors/{name}/versions/{version}': { delete: { summary: 'Uninstall one version; 409 while a published workflow pins it', parameters: [pathParam('name'), pathParam('version')], responses: { 200: ok('Removed'), 401: error, 404: error, 409: error } } },
};

/** Operations added to paths that other route files also describe. */
export const marketplaceOpenapiOperations = {
  '/v1/connectors': { post: { summary: 'Install a connector package from the registry while Wireup runs: a range installs the highest match; integrity (sha512), archive, manifest and sdk range are checked', requestBody: body(strict({ name, version }, ['name'])), responses: { 200: ok('Already installed'), 201: ok('Installed'), 400: error, 401: error, 404: error, 409: error, 422: error, 503: error } } },
  '/v1/connectors/{name}': { delete: { summary: 'Uninstall every version; 409 while a published workflow pins one', parameters: [pathParam('name')], responses: { 200: ok('Removed'), 401: error, 404: error, 409: error } } },
};
