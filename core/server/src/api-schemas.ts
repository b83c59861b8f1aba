/**
 * The JSON Schemas of the API's shared shapes, registered with `app.addSchema` so Fastify
 * validates against them and @fastify/swagger turns them into `components.schemas` of
 * /openapi.json. Routes reference them as `{ $ref: 'Name#' }`.
 */
import type { FastifyInstance } from 'fastify';
import { workflowDocumentSchema } from '@wireup/engine';
import { runStatuses } from '@wireup/store';
import { topics } from '@wireup/bus';
import { limits } from './limits.ts';

type Schema = Record<string, unknown>;

const ref = (id: string): Schema => ({ $ref: `${id}#` });
const text = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
const timestamp = text('ISO 8601 time', { format: 'date-time' });

/** The error body every 4xx and 5xx carries. */
const errorSchema: Schema = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: text('Stable code, listed in docs/errors.md', { pattern: '^[A-Z][A-Z0-9_]*$' }),
        message: text('What is wrong and what to do'),
        details: { description: 'Structured problems (`path`, `message`, `fix`) or context' },
      },
    },
  },
};

const connectionSchema: Schema = {
  $id: 'Connection',
  type: 'object',
  required: ['id', 'connector', 'name', 'auth', 'secrets', 'createdAt', 'updatedAt'],
  properties: {
    id: text(),
    connector: text(),
    name: text(),
    auth: { type: 'object', description: 'The non-secret auth fields', additionalProperties: { type: 'string' } },
    secrets: {
      type: 'object',
      description: 'Which secret fields are set; their values are never returned',
      additionalProperties: { enum: ['set', 'unset'] },
    },
    webhookUrl: text('Where this connection receives webhooks (connectors that take webhooks)'),
    createdAt: timestamp,
    updatedAt: timestamp,
  },
};

const connectionInput = (required: string[]): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: {
    connector: text('Installed connector name, e.g. `kustomer` (fixed once created)', { maxLength: limits.nameLength }),
    name: text('Shown in lists', { minLength: 1, maxLength: limits.nameLength, pattern: '\\S' }),
    auth: {
      type: 'object',
      description: "The connector's auth fields (see its manifest); an omitted secret field keeps its value on update",
      maxProperties: 32,
      additionalProperties: text(undefined, { maxLength: limits.stringLength }),
    },
    test: { type: 'boolean', default: true, description: "false skips the connector's credentials check" },
  },
});

const stepErrorSchema: Schema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: text(), message: text(), retriable: { type: 'boolean' }, details: {} },
};

const runProperties: Schema = {
  id: text(),
  workflowId: text(),
  version: { type: 'integer' },
  status: { enum: [...runStatuses] },
  event: { type: 'object', properties: { key: text(), id: text(), type: text() } },
  error: stepErrorSchema,
  replays: { type: 'integer' },
  test: {
    type: 'boolean',
    description:
      'A test run (POST /v1/workflows/{id}/test, step tests): started by a user, not by the provider; `version` 0 is the draft',
  },
  createdAt: timestamp,
  updatedAt: timestamp,
  finishedAt: timestamp,
};

const runSchema: Schema = {
  $id: 'Run',
  type: 'object',
  required: ['id', 'workflowId', 'version', 'status', 'event', 'steps', 'createdAt'],
  properties: {
    ...runProperties,
    steps: {
      type: 'array',
      description: 'The step log, secrets redacted',
      items: {
        type: 'object',
        required: ['id', 'type', 'status', 'attempts'],
        properties: {
          id: text(),
          type: text(),
          status: text(),
          input: {},
          output: {},
          error: stepErrorSchema,
          attempts: { type: 'integer' },
          retryAt: text('A waiting step: when its next attempt is due (the run is parked until then)', {
            format: 'date-time',
          }),
          startedAt: timestamp,
          finishedAt: timestamp,
          durationMs: { type: 'number' },
        },
      },
    },
  },
};

const deadLetterSchema: Schema = {
  $id: 'DeadLetter',
  type: 'object',
  required: ['id', 'topic', 'key', 'value', 'group', 'deliveries', 'error', 'deadAt'],
  description: 'A bus message that failed its last allowed delivery (WIREUP_MAX_DELIVERIES)',
  properties: {
    id: text(),
    topic: { enum: [...topics] },
    key: text('The bus key (event key, or workflow id and lane)'),
    value: { description: 'The message as published' },
    group: text('The consumer group whose handler kept failing'),
    deliveries: { type: 'integer' },
    error: { type: 'object', required: ['message'], properties: { code: text(), message: text('The last error') } },
    deadAt: timestamp,
  },
};

const runSummarySchema: Schema = {
  $id: 'RunSummary',
  type: 'object',
  required: ['id', 'workflowId', 'status', 'createdAt'],
  properties: runProperties,
};

/** The least a draft saved with `?partial=true` has (workflow-drafts.ts `outlineProblems`). */
const workflowDraftSchema: Schema = {
  $id: 'WorkflowDraft',
  type: 'object',
  required: ['name', 'trigger', 'steps'],
  description:
    'An incomplete workflow document: a name, a trigger naming its connector and key, and steps with an id and a type',
  properties: {
    name: text(),
    trigger: { type: 'object', required: ['connector', 'trigger'], properties: { connector: text(), trigger: text() } },
    steps: {
      type: 'array',
      items: { type: 'object', required: ['id', 'type'], properties: { id: text(), type: text() } },
    },
  },
};

const workflowSchema: Schema = {
  $id: 'Workflow',
  type: 'object',
  required: ['id', 'name', 'status', 'publishedVersion', 'latestVersion', 'draft', 'createdAt', 'updatedAt'],
  properties: {
    id: text(),
    name: text(),
    status: { enum: ['draft', 'published'] },
    publishedVersion: { type: ['integer', 'null'] },
    latestVersion: { type: 'integer' },
    draft: {
      anyOf: [ref('WorkflowDocument'), ref('WorkflowDraft')],
      description:
        'The draft as saved: a complete workflow document, or an outline saved with ?partial=true (see problems)',
    },
    webhookUrl: text('The URL to give the provider, once published (absent for polling triggers)'),
    revision: text(
      "The draft's revision: send it as `If-Match` on PUT, and a save based on an older revision is refused with 412 WORKFLOW_CHANGED",
    ),
    problems: {
      type: 'array',
      description:
        'What keeps the draft from being published (GET, and saves with ?partial=true); empty when it can be published',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' }, fix: { type: 'string' } },
      },
    },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
};

/**
 * The engine's draft-07 workflow schema keeps its parts under `definitions` with `#/definitions/x`
 * references, which do not resolve inside an OpenAPI document: each part becomes its own shared
 * schema (`WorkflowStep`, …) referenced by id.
 */
export function hoistDefinitions(schema: Schema, id: string): Schema[] {
  const nameOf = (key: string) => `${id}${key[0].toUpperCase()}${key.slice(1)}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')
          ? `${nameOf(v.slice('#/definitions/'.length))}#`
          : rewrite(v),
      ]),
    );
  };
  const {
    definitions = {},
    $schema: _draft,
    $id: _url,
    ...root
  } = schema as Schema & { definitions?: Record<string, Schema> };
  return [
    { ...(rewrite(root) as Schema), $id: id },
    ...Object.entries(definitions).map(([key, part]) => ({ ...(rewrite(part) as Schema), $id: nameOf(key) })),
  ];
}

/** Registers the shared schemas on the root instance (before any route). */
export function addApiSchemas(app: FastifyInstance): void {
  const schemas = [
    errorSchema,
    connectionSchema,
    runSchema,
    runSummarySchema,
    workflowSchema,
    workflowDraftSchema,
    deadLetterSchema,
    // Which auth fields apply is the connector's manifest (GET /v1/connectors/{name}); connectors are
    // installed while the server runs, so the handler checks them (400 naming each field).
    { $id: 'ConnectionCreate', ...connectionInput(['connector', 'name', 'auth']) },
    { $id: 'ConnectionUpdate', ...connectionInput([]) },
    ...hoistDefinitions(workflowDocumentSchema as Schema, 'WorkflowDocument'),
  ];
  for (const schema of schemas) app.addSchema(schema);
}

/** `{ 400: Error, 401: Error, … }` for a route's `response` schema, each with what it means. */
export function errorResponses(...codes: number[]): Record<number, Schema> {
  const meaning: Record<number, string> = {
    400: 'Invalid request: a parameter, query or body does not match the schema, or the JSON is malformed or too deep',
    401: 'Missing or wrong bearer token (or no live editor session)',
    403: 'A session-cookie request without its CSRF token',
    404: 'Not found',
    409: 'Conflicts with the current state',
    412: 'The draft changed since the revision named in If-Match (WORKFLOW_CHANGED)',
    413: 'Body larger than the limit',
    415: 'Body is not application/json',
    422: 'Well-formed but not acceptable (the message names each field)',
    429: 'Too many at once (the message says which limit); retry later',
    502: 'The provider answered an error',
    503: 'A backend (bus or store) is unavailable; retry later',
  };
  return Object.fromEntries(codes.map((code) => [code, { description: meaning[code] ?? 'Error', ...ref('Error') }]));
}

export { ref as schemaRef };
