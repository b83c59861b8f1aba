/**
 * The JSON Schemas of every route: params, querystring, body and every status the route can
 * answer. Fastify validates requests with them and @fastify/swagger builds /openapi.json from
 * them, so the document cannot drift from what the server does.
 */
import { errorResponses, schemaRef } from './api-schemas.ts';
import { runStatuses as statuses } from '@wireup/store';
import { limits } from './limits.ts';

type Schema = Record<string, unknown>;

const runStatuses = `(${statuses.join('|')})`;
const idParams = (...names: string[]): Schema => ({
  type: 'object',
  required: names,
  properties: Object.fromEntries(names.map((n) => [n, { type: 'string', minLength: 1, maxLength: 100 }])),
});
const list = (items: Schema, extra: Schema = {}): Schema => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items }, ...extra },
});
const described = (description: string, schema: Schema): Schema => ({ description, ...schema });
/** A page of a list: its items and the cursor of the next page. */
const page = (items: Schema): Schema =>
  list(items, { next: { type: ['string', 'null'], description: 'Give it as `before` for the next page' } });
/** An id given in the querystring. */
const boundedId = (description: string): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength: limits.idLength,
  description,
});
/** The querystring's page size. */
const pageLimit: Schema = { type: 'integer', minimum: 1, maximum: 500, default: 50 };
/** The querystring's cursor: `before=<the next of the previous page>`. */
const pageBefore = (id: string, items: string): Schema =>
  boundedId(`${id} (the \`next\` of the previous page): the ${items} after it`);
/** Every authenticated API route can answer these. */
const api = [400, 401, 503];
const withBody = [413, 415];

const publishedSchema: Schema = {
  type: 'object',
  required: ['id', 'version', 'status'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer' },
    status: { const: 'published' },
    webhookUrl: {
      type: 'string',
      format: 'uri',
      description: 'The URL to give the provider (absent for polling triggers)',
    },
    webhook: {
      type: 'object',
      description:
        'Registration state: managed by Wireup or by the user; the URL (the same as webhookUrl) and the events registered, or to configure at the provider; for a user-managed endpoint, `setup` says where and how',
      properties: {
        managed: { type: 'boolean' },
        url: { type: 'string' },
        events: { type: 'array', items: { type: 'string' } },
        endpoint: { type: 'string' },
        setup: { type: 'string' },
      },
    },
    warnings: {
      type: 'array',
      items: { type: 'string' },
      description:
        'What publishing did not do at the provider, and template paths the trigger\'s or earlier steps\' output schemas do not have (e.g. `/steps/1/input/name: template "{{trigger.data.nmae}}" reads data.nmae, …`); the workflow is published all the same',
    },
  },
};

/** The body of creating or replacing a workflow. */
const workflowBody: Schema = {
  anyOf: [schemaRef('WorkflowDocument'), schemaRef('WorkflowDraft')],
  description: 'A workflow document; with ?partial=true an outline is enough',
};
/** `?partial=true` on creating or replacing a workflow. */
const partialQuery: Schema = {
  type: 'object',
  properties: {
    partial: {
      enum: ['true', 'false'],
      description: 'true: store an incomplete draft (outline only) and answer its problems; publish still validates',
    },
  },
};

/** A workflow as saving and reading it answers: with the template warnings of its draft. */
const savedWorkflow: Schema = {
  allOf: [
    schemaRef('Workflow'),
    {
      type: 'object',
      properties: {
        warnings: {
          type: 'array',
          description:
            "Template paths the trigger's or earlier steps' output schemas do not have (e.g. `{{trigger.data.nmae}}`): saved and publishable all the same, probably a typo",
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' }, fix: { type: 'string' } },
          },
        },
      },
    },
  ],
};

export const routeSchemas = {
  healthz: {
    summary: 'Liveness and the adapters in use',
    tags: ['health'],
    security: [],
    response: {
      200: described('Healthy', {
        type: 'object',
        required: ['status'],
        properties: {
          status: { const: 'ok' },
          role: { enum: ['all', 'ingest', 'worker'] },
          store: { type: 'string' },
          bus: { type: 'string' },
          connectors: { type: 'array', items: { type: 'string' } },
        },
      }),
      ...errorResponses(400),
    },
  },
  metrics: {
    summary: 'Prometheus metrics; needs the token unless WIREUP_METRICS_PUBLIC=true',
    tags: ['health'],
    response: {
      200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } },
      ...errorResponses(400, 401),
    },
  },
  listConnectors: {
    summary: 'Installed connectors',
    tags: ['connectors'],
    response: {
      200: described(
        'The installed connectors',
        list({
          type: 'object',
          required: ['name', 'version'],
          properties: {
            name: { type: 'string' },
            version: { type: 'string' },
            displayName: { type: 'string' },
            description: { type: 'string' },
            categories: { type: 'array', items: { type: 'string' } },
            triggers: { type: 'array', items: { type: 'string' } },
            actions: { type: 'array', items: { type: 'string' } },
          },
        }),
      ),
      ...errorResponses(...api),
    },
  },
  getConnector: {
    summary: "A connector's manifest",
    tags: ['connectors'],
    params: idParams('name'),
    response: {
      200: described('The manifest (core/sdk manifest schema)', {
        type: 'object',
        required: ['name', 'version'],
        properties: { name: { type: 'string' }, version: { type: 'string' } },
      }),
      ...errorResponses(...api, 404),
    },
  },
  createConnection: {
    summary: "Create a connection; checks the credentials with the connector's test call unless `test` is false",
    tags: ['connections'],
    body: schemaRef('ConnectionCreate'),
    response: {
      201: described('Created (secrets never returned)', schemaRef('Connection')),
      ...errorResponses(...api, ...withBody, 422),
    },
  },
  listConnections: {
    summary: 'Connections (secrets never included)',
    tags: ['connections'],
    response: { 200: described('The connections', list(schemaRef('Connection'))), ...errorResponses(...api) },
  },
  getConnection: {
    summary: 'A connection',
    tags: ['connections'],
    params: idParams('id'),
    response: { 200: described('The connection', schemaRef('Connection')), ...errorResponses(...api, 404) },
  },
  updateConnection: {
    summary:
      'Update name or auth (omitted secret fields keep their value, unless a field saying where they are sent, such as Kustomer baseUrl, changes: then 422 CONNECTION_SECRETS_REQUIRED)',
    tags: ['connections'],
    params: idParams('id'),
    body: schemaRef('ConnectionUpdate'),
    response: {
      200: described('Updated', schemaRef('Connection')),
      ...errorResponses(...api, ...withBody, 404, 409, 422),
    },
  },
  deleteConnection: {
    summary: 'Delete a connection no published workflow uses (as trigger or in any step; else 409 naming them)',
    tags: ['connections'],
    params: idParams('id'),
    response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses(...api, 404, 409) },
  },
  createWorkflow: {
    summary: 'Create a workflow draft (validated by core/engine: a problem is a 422 naming the field)',
    tags: ['workflows'],
    body: workflowBody,
    querystring: partialQuery,
    response: { 201: described('Created', savedWorkflow), ...errorResponses(...api, ...withBody, 422) },
  },
  listWorkflows: {
    summary: 'Workflows',
    tags: ['workflows'],
    response: { 200: described('The workflows', list(schemaRef('Workflow'))), ...errorResponses(...api) },
  },
  getWorkflow: {
    summary: 'A workflow',
    tags: ['workflows'],
    params: idParams('id'),
    response: { 200: described('The workflow', savedWorkflow), ...errorResponses(...api, 404) },
  },
  updateWorkflow: {
    summary: 'Replace the draft (published versions never change)',
    tags: ['workflows'],
    params: idParams('id'),
    body: workflowBody,
    querystring: partialQuery,
    headers: {
      type: 'object',
      properties: {
        'if-match': {
          type: 'string',
          description: 'The revision this save is based on; refused with 412 when the draft has moved on',
        },
      },
    },
    response: { 200: described('Updated', savedWorkflow), ...errorResponses(...api, ...withBody, 404, 412, 422) },
  },
  deleteWorkflow: {
    summary:
      'Delete a workflow that is not published (a published one answers 409 WORKFLOW_PUBLISHED: unpublish it first); its runs stay listed',
    tags: ['workflows'],
    params: idParams('id'),
    response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses(...api, 404, 409) },
  },
  publishWorkflow: {
    summary:
      'Publish the draft as a new immutable version; registers the webhook at the provider where Wireup manages it',
    tags: ['workflows'],
    params: idParams('id'),
    response: { 200: described('Published', publishedSchema), ...errorResponses(...api, 404, 422, 502) },
  },
  unpublishWorkflow: {
    summary: 'Stop running the workflow; shrinks or removes the provider endpoint it needed',
    tags: ['workflows'],
    params: idParams('id'),
    response: {
      200: described('Unpublished', {
        allOf: [
          schemaRef('Workflow'),
          {
            type: 'object',
            properties: {
              warnings: {
                type: 'array',
                items: { type: 'string' },
                description: 'Provider clean-up that failed; retried at the next publish or unpublish',
              },
            },
          },
        ],
      }),
      ...errorResponses(...api, 404),
    },
  },
  listWorkflowVersions: {
    summary: 'The published versions of a workflow, newest first (their documents: GET …/versions/{version})',
    tags: ['workflows'],
    params: idParams('id'),
    response: {
      200: described(
        'The versions',
        list({
          type: 'object',
          required: ['version', 'publishedAt', 'running'],
          properties: {
            version: { type: 'integer' },
            publishedAt: { type: 'string', format: 'date-time' },
            running: { type: 'boolean', description: 'This is the version that runs' },
          },
        }),
      ),
      ...errorResponses(...api, 404),
    },
  },
  getWorkflowVersion: {
    summary: 'One published (immutable) version of a workflow',
    tags: ['workflows'],
    params: {
      type: 'object',
      required: ['id', 'version'],
      properties: { id: { type: 'string', minLength: 1, maxLength: 100 }, version: { type: 'integer', minimum: 1 } },
    },
    response: {
      200: described('The version', {
        type: 'object',
        required: ['workflowId', 'version', 'publishedAt', 'document'],
        properties: {
          workflowId: { type: 'string' },
          version: { type: 'integer' },
          publishedAt: { type: 'string', format: 'date-time' },
          document: schemaRef('WorkflowDocument'),
        },
      }),
      ...errorResponses(...api, 404),
    },
  },
  listRuns: {
    summary: 'Runs, newest first; `status=failed` is the dead-letter list',
    tags: ['runs'],
    querystring: {
      type: 'object',
      properties: {
        workflow: boundedId('Only runs of this workflow id'),
        status: {
          type: 'string',
          pattern: `^${runStatuses}(,${runStatuses})*$`,
          description: 'Comma-separated statuses, e.g. `failed` or `queued,running`; give the parameter once',
        },
        limit: pageLimit,
        before: pageBefore('A run id', 'runs'),
        test: {
          enum: ['true', 'false'],
          description:
            'true: only test runs (POST /v1/workflows/{id}/test, step tests); false: only runs the provider started; absent: both',
        },
      },
    },
    response: {
      200: described('Runs without their steps', page(schemaRef('RunSummary'))),
      ...errorResponses(...api),
    },
  },
  streamRuns: {
    summary:
      'Live run updates (server-sent events): `event: run` carries a changed run as the list shows it; `event: reset` says to read the list again',
    tags: ['runs'],
    description:
      "Opens with `event: ready`, then one `event: run` (data: the run summary, JSON) each time a run is created, checkpointed, finished or reset for replay. Changes of one run are coalesced; a client that falls behind is sent `event: reset` instead. A comment line every 15 s keeps the stream open. Works with the bearer token or the editor's session cookie (EventSource).",
    querystring: {
      type: 'object',
      properties: {
        workflow: boundedId('Only runs of this workflow id'),
        run: boundedId('Only this run'),
      },
    },
    response: {
      200: {
        description: 'A text/event-stream of run changes',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
      ...errorResponses(...api, 429),
    },
  },
  getRun: {
    summary: 'A run with its step log',
    tags: ['runs'],
    params: idParams('id'),
    response: { 200: described('The run', schemaRef('Run')), ...errorResponses(...api, 404) },
  },
  replayRun: {
    summary: 'Replay a failed run; succeeded steps are not repeated',
    tags: ['runs'],
    params: idParams('id'),
    response: { 202: described('Queued again', schemaRef('Run')), ...errorResponses(...api, 404, 409) },
  },
  listDeadLetters: {
    summary:
      'Bus messages that failed their last allowed delivery (WIREUP_MAX_DELIVERIES), newest first, each with its last error',
    tags: ['dead letters'],
    querystring: {
      type: 'object',
      properties: {
        limit: pageLimit,
        before: pageBefore('A dead-letter id', 'letters'),
      },
    },
    response: {
      200: described('Dead letters', page(schemaRef('DeadLetter'))),
      ...errorResponses(...api),
    },
  },
  getDeadLetter: {
    summary: 'A dead letter',
    tags: ['dead letters'],
    params: idParams('id'),
    response: { 200: described('The dead letter', schemaRef('DeadLetter')), ...errorResponses(...api, 404) },
  },
  replayDeadLetter: {
    summary: 'Put the message back on its topic (with its key) and remove it from the list',
    tags: ['dead letters'],
    params: idParams('id'),
    response: {
      202: described('Published again', {
        type: 'object',
        required: ['replayed'],
        properties: { replayed: schemaRef('DeadLetter') },
      }),
      ...errorResponses(...api, 404),
    },
  },
  webhook: {
    summary: 'Provider webhook ingress (no bearer token: the provider signature is checked on the raw body)',
    tags: ['webhooks'],
    security: [],
    params: idParams('hook', 'token'),
    body: { type: 'object', description: "The provider's event, as it sends it" },
    response: {
      200: described('Durably accepted (or a duplicate, or a type no trigger listens to)', {
        type: 'object',
        required: ['received'],
        properties: {
          received: { const: true },
          accepted: { type: 'integer' },
          duplicates: { type: 'integer' },
          ignored: { type: 'integer' },
        },
      }),
      ...errorResponses(400, 404, 413, 415, 503),
    },
  },
  webhookWithoutToken: {
    summary: 'A webhook URL without its connection token: always 404',
    tags: ['webhooks'],
    security: [],
    params: idParams('hook'),
    response: errorResponses(400, 404),
  },
} as const;
