/**
 * The OpenAPI 3.1 document of the public API, served at GET /openapi.json. A test checks that
 * every route the server registers is described here.
 */
const error = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string' } }];
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, ...json(schema) });

export const openapiDocument = {
  openapi: '3.1.0',
  info: { title: 'Wireup API', version: '0.1.0', description: 'Connect apps with workflows: connectors, connections, workflows, runs and webhook ingress. Every /v1 call except webhooks needs `Authorization: Bearer <token>`.' },
  security: [{ bearer: [] }],
  paths: {
    '/healthz': { get: { summary: 'Liveness and the adapters in use', security: [], responses: { 200: ok('Healthy') } } },
    '/metrics': { get: { summary: 'Prometheus metrics; needs the token unless WIREUP_METRICS_PUBLIC=true', responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } }, 401: error } } },
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI document') } } },
    '/v1/connectors': { get: { summary: 'Installed connectors', responses: { 200: ok('List', { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } }), 401: error } } },
    '/v1/connectors/{name}': { get: { summary: "A connector's manifest", parameters: idParam('name'), responses: { 200: ok('Manifest'), 401: error, 404: error } } },
    '/v1/connections': {
      get: { summary: 'Connections (secrets never included)', responses: { 200: ok('List'), 401: error } },
      post: { summary: 'Create a connection; checks the credentials unless test is false', requestBody: json(ref('ConnectionInput')), responses: { 201: ok('Created', ref('Connection')), 400: error, 401: error, 422: error } },
    },
    '/v1/connections/{id}': {
      get: { summary: 'A connection', parameters: idParam('id'), responses: { 200: ok('Connection', ref('Connection')), 401: error, 404: error } },
      put: { summary: 'Update name or auth (omitted secret fields keep their value)', parameters: idParam('id'), requestBody: json(ref('ConnectionInput')), responses: { 200: ok('Updated', ref('Connection')), 400: error, 401: error, 404: error, 422: error } },
      delete: { summary: 'Delete a connection no published workflow uses', parameters: idParam('id'), responses: { 204: { description: 'Deleted' }, 401: error, 404: error, 409: error } },
    },
    '/v1/workflows': {
      get: { summary: 'Workflows', responses: { 200: ok('List'), 401: error } },
      post: { summary: 'Create a workflow draft', requestBody: json(ref('WorkflowDocument')), responses: { 201: ok('Created', ref('Workflow')), 401: error, 422: error } },
    },
    '/v1/workflows/{id}': {
      get: { summary: 'A workflow', parameters: idParam('id'), responses: { 200: ok('Workflow', ref('Workflow')), 401: error, 404: error } },
      put: { summary: 'Replace the draft (published versions never change)', parameters: idParam('id'), requestBody: json(ref('WorkflowDocument')), responses: { 200: ok('Updated', ref('Workflow')), 401: error, 404: error, 422: error } },
    },
    '/v1/workflows/{id}/publish': { post: { summary: 'Publish the draft as a new immutable version; registers the webhook at the provider where Wireup manages it', parameters: idParam('id'), responses: { 200: ok('Published', { type: 'object', required: ['id', 'version'], properties: {
      id: { type: 'string' }, version: { type: 'integer' }, status: { const: 'published' },
      webhookUrl: { type: 'string', format: 'uri', description: 'The URL to give the provider (absent for polling triggers)' },
      webhook: { type: 'object', description: 'Registration state: managed by Wireup or by the user, the URL and events registered', properties: { managed: { type: 'boolean' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } } } },
      warnings: { type: 'array', items: { type: 'string' } },
    } }), 401: error, 404: error, 422: error, 502: error } } },
    '/v1/workflows/{id}/unpublish': { post: { summary: 'Stop running the workflow; shrinks or removes the provider endpoint it needed', parameters: idParam('id'), responses: { 200: ok('Unpublished', { allOf: [ref('Workflow'), { type: 'object', properties: { warnings: { type: 'array', items: { type: 'string' }, description: 'Provider clean-up that failed; retried at the next publish or unpublish' } } }] }), 401: error, 404: error } } },
    '/v1/runs': { get: { summary: 'Runs, newest first; status=failed is the dead-letter list', parameters: [
      { name: 'workflow', in: 'query', schema: { type: 'string' } }, { name: 'status', in: 'query', schema: { type: 'string', description: 'comma-separated: queued,running,waiting,succeeded,failed,filtered' } },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } }, { name: 'before', in: 'query', schema: { type: 'string', description: 'a run id: the page after it' } },
    ], responses: { 200: ok('Runs without steps'), 400: error, 401: error } } },
    '/v1/runs/{id}': { get: { summary: 'A run with its step log', parameters: idParam('id'), responses: { 200: ok('Run', ref('Run')), 401: error, 404: error } } },
    '/v1/runs/{id}/replay': { post: { summary: 'Replay a failed run; succeeded steps are not repeated', parameters: idParam('id'), responses: { 202: ok('Queued again', ref('Run')), 401: error, 404: error, 409: error } } },
    '/v1/webhooks/{hook}/{token}': { post: { summary: 'Provider webhook ingress (no bearer token; the provider signature is checked)', security: [], parameters: [...idParam('hook'), ...idParam('token')], requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { 200: ok('Durably accepted'), 400: error, 404: error, 413: error, 503: error } } },
    '/v1/webhooks/{hook}': { post: { summary: 'A webhook URL without its connection token: always 404', security: [], parameters: idParam('hook'), responses: { 404: error } } },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: { Error: { description: 'An error', ...json(ref('Error')) } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
      ConnectionInput: { type: 'object', properties: { connector: { type: 'string' }, name: { type: 'string' }, auth: { type: 'object', additionalProperties: { type: 'string' } }, test: { type: 'boolean', default: true } } },
      Connection: { type: 'object', properties: { id: { type: 'string' }, connector: { type: 'string' }, name: { type: 'string' }, auth: { type: 'object', description: 'non-secret fields only' }, secrets: { type: 'object', additionalProperties: { enum: ['set', 'unset'] } }, webhookUrl: { type: 'string' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } } },
      WorkflowDocument: { type: 'object', required: ['name', 'trigger', 'steps'], description: 'See DESIGN.md "The workflow document"; validated by core/engine.', properties: { name: { type: 'string' }, trigger: { type: 'object', properties: { connector: { type: 'string' }, trigger: { type: 'string' }, connection: { type: 'string' } } }, steps: { type: 'array', items: { type: 'object' } } } },
      Workflow: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, status: { enum: ['draft', 'published'] }, publishedVersion: { type: ['integer', 'null'] }, latestVersion: { type: 'integer' }, draft: ref('WorkflowDocument'), webhookUrl: { type: 'string' } } },
      Run: { type: 'object', properties: { id: { type: 'string' }, workflowId: { type: 'string' }, version: { type: 'integer' }, status: { enum: ['queued', 'running', 'waiting', 'succeeded', 'failed', 'filtered'] }, event: { type: 'object' }, steps: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' }, input: {}, output: {}, error: { type: 'object' }, attempts: { type: 'integer' }, startedAt: { type: 'string' }, finishedAt: { type: 'string' } } } } } },
    },
  },
} as const;
