/**
 * JSON Schemas of the marketplace routes (routes/marketplace.ts): Fastify validates requests
 * with them and @fastify/swagger documents them in /openapi.json.
 */
import { errorResponses } from '../api-schemas.ts';

type Schema = Record<string, unknown>;

const api = [400, 401, 503];
const withBody = [413, 415];
const text = (maxLength: number, description?: string): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  ...(description ? { description } : {}),
});
const strict = (properties: Schema, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
const described = (description: string, schema: Schema): Schema => ({ description, ...schema });
const strings = { type: 'array', items: { type: 'string' } };
// npm's rules for a package name (validate-npm-package-name, new packages): lower case, URL-safe, an optional scope.
const packageName = {
  ...text(214, 'npm package name, e.g. `@acme/wireup-connector-crm`'),
  pattern: '^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$',
};
const version = text(256, 'An exact version, a semver range (the highest match is installed) or a dist-tag');
const connectorParam = strict({ name: text(100, 'Connector name (manifest `name`)') }, ['name']);

const installation: Schema = {
  type: 'object',
  required: ['connector', 'package', 'version', 'integrity'],
  properties: {
    connector: { type: 'string' },
    package: { type: 'string' },
    version: { type: 'string' },
    integrity: { type: 'string', description: 'sha512 SRI, verified' },
    sdk: { type: 'string' },
    installedAt: { type: 'string' },
    durationMs: { type: 'integer', description: 'Resolve, download, verify, extract, check and start, ms' },
    alreadyInstalled: { type: 'boolean' },
  },
};
const report: Schema = {
  type: 'object',
  required: ['connector', 'from', 'to', 'changes', 'added', 'breaks', 'safe'],
  properties: {
    connector: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    safe: { type: 'boolean', description: 'No published workflow would break' },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: {
            enum: ['trigger-removed', 'action-removed', 'input-required', 'input-type-changed', 'output-field-removed'],
          },
          item: { type: 'string' },
          field: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    added: {
      type: 'array',
      description: 'Triggers and actions the newer version adds (they break nothing)',
      items: {
        type: 'object',
        properties: {
          kind: { enum: ['trigger-added', 'action-added'] },
          item: { type: 'string' },
          displayName: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    breaks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          workflowId: { type: 'string' },
          workflowName: { type: 'string' },
          workflowVersion: { type: 'integer' },
          step: { type: 'string' },
          item: { type: 'string' },
          reasons: strings,
        },
      },
    },
  },
};
const entry: Schema = {
  type: 'object',
  required: ['name', 'connector', 'latest'],
  properties: {
    name: { type: 'string' },
    connector: { type: 'string' },
    displayName: { type: 'string' },
    description: { type: 'string' },
    categories: strings,
    icon: { type: 'string' },
    latest: { type: 'string' },
    installed: strings,
  },
};
const removed = described('Removed', {
  type: 'object',
  required: ['removed'],
  properties: {
    removed: {
      type: 'array',
      items: {
        type: 'object',
        properties: { connector: { type: 'string' }, package: { type: 'string' }, version: { type: 'string' } },
      },
    },
  },
});
const packageResponse = {
  200: described('The package: every version with its manifest, integrity, sdk range and publication date', {
    ...entry,
    properties: {
      ...(entry.properties as Schema),
      versions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            version: { type: 'string' },
            integrity: { type: 'string' },
            sdk: { type: 'string' },
            publishedAt: { type: 'string' },
            manifest: { type: 'object' },
          },
        },
      },
    },
  }),
  ...errorResponses(...api, 404),
};

export const marketplaceSchemas = {
  search: {
    summary:
      "The registry's connector packages; answers from the last index (stale: true) when the registry is unreachable",
    tags: ['marketplace'],
    querystring: strict({
      q: {
        type: 'string',
        maxLength: 200,
        description: 'Words matched against name, description, trigger and action names',
      },
      category: { type: 'string', maxLength: 100 },
      refresh: { type: 'boolean', description: 'Read the registry now' },
    }),
    response: {
      200: described('The catalogue', {
        type: 'object',
        required: ['data'],
        properties: {
          registry: { type: 'string' },
          indexedAt: { type: ['string', 'null'] },
          stale: { type: 'boolean' },
          data: {
            type: 'array',
            items: {
              ...entry,
              properties: { ...(entry.properties as Schema), versions: strings, triggers: strings, actions: strings },
            },
          },
        },
      }),
      ...errorResponses(...api),
    },
  },
  getPackage: {
    summary: 'One connector package of the registry (by package or connector name; a scoped name URL-encoded)',
    tags: ['marketplace'],
    params: strict({ name: packageName }, ['name']),
    response: packageResponse,
  },
  getScopedPackage: {
    summary: 'One scoped connector package, e.g. /v1/marketplace/@acme/wireup-connector-crm',
    tags: ['marketplace'],
    params: strict({ scope: text(100), name: text(214) }, ['scope', 'name']),
    response: packageResponse,
  },
  install: {
    summary:
      'Install a connector package while Wireup runs (no restart): a range installs the highest match; sha512 integrity, archive entries, manifest and sdk range are checked and a refusal installs nothing',
    tags: ['marketplace'],
    body: strict({ name: packageName, version }, ['name']),
    response: {
      200: described('Already installed', installation),
      201: described('Installed', installation),
      ...errorResponses(...api, ...withBody, 404, 409, 422),
    },
  },
  upgradeReport: {
    summary:
      'What moving the newest installed version (or `from`) to `to` changes, and the published workflow steps it would break',
    tags: ['marketplace'],
    params: connectorParam,
    querystring: strict({ to: version, from: version }, ['to']),
    response: { 200: described('The report', report), ...errorResponses(...api, 404, 409, 422) },
  },
  upgrade: {
    summary:
      'Install a newer version beside the installed ones and answer the upgrade report; pinned workflows keep their version',
    tags: ['marketplace'],
    params: connectorParam,
    body: strict({ version }),
    response: {
      200: described('Already installed', {
        ...installation,
        properties: { ...(installation.properties as Schema), report },
      }),
      201: described('Installed', { ...installation, properties: { ...(installation.properties as Schema), report } }),
      ...errorResponses(...api, ...withBody, 404, 409, 422),
    },
  },
  uninstall: {
    summary: 'Uninstall every version; 409 naming the workflows while a published one pins a version',
    tags: ['marketplace'],
    params: connectorParam,
    response: { 200: removed, ...errorResponses(...api, 404, 409) },
  },
  uninstallVersion: {
    summary: 'Uninstall one version; 409 naming the workflows while a published one pins it',
    tags: ['marketplace'],
    params: strict({ name: text(100), version: text(256) }, ['name', 'version']),
    response: { 200: removed, ...errorResponses(...api, 404, 409) },
  },
};
