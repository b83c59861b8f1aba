/**
 * The JSON Schemas of the test routes (routes/workflow-tests.ts): test runs, step tests and
 * "listen for a test event". Kept apart from route-schemas.ts, one concern per file.
 */
import { errorResponses, schemaRef } from './api-schemas.ts';
import { limits } from './limits.ts';

type Schema = Record<string, unknown>;

const api = [400, 401, 503];
const withBody = [413, 415];
const id = { type: 'string', minLength: 1, maxLength: 100 };
const eventId = {
  type: 'string',
  minLength: 1,
  maxLength: limits.idLength,
  description:
    "The provider's id of an event this workflow's trigger connection received (a run's `event.id`, or the one \"listen for a test event\" caught). Absent: the sample pinned with the draft, else the trigger's sample from its manifest",
};
const realAppNotice =
  'Action and AI steps call the real apps with the configured connections (a test creates what a real run would create); the run is marked `test: true`.';

const testedStep: Schema = {
  type: 'object',
  required: ['run', 'trigger'],
  properties: {
    run: schemaRef('Run'),
    step: {
      description:
        'The tested step from the run log (input, output or error, attempts); absent while the run is not finished',
      type: 'object',
    },
    trigger: {
      enum: ['event', 'pinned', 'sample'],
      description:
        "What the trigger data was: the chosen event, the sample pinned with the draft, or the manifest's sample",
    },
  },
};

export const testRouteSchemas = {
  testWorkflow: {
    summary:
      "Test the workflow without the provider: run the draft (or the published version) on the trigger's sample or a past event",
    description: `Starts a run marked \`test: true\` through the same bus and executor as real runs. ${realAppNotice} Answers 200 with the finished run when it ends within \`waitMs\`, else 202 with the run as it stands (follow it with GET /v1/runs/{id}).`,
    tags: ['workflows'],
    params: { type: 'object', required: ['id'], properties: { id } },
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        eventId,
        published: {
          type: 'boolean',
          default: false,
          description:
            'true: test the published version instead of the draft (409 WORKFLOW_NOT_PUBLISHED when there is none)',
        },
        waitMs: {
          type: 'integer',
          minimum: 0,
          maximum: 60_000,
          default: 0,
          description: 'How long to wait for the run to finish before answering',
        },
      },
    },
    response: {
      200: { description: 'The finished test run', ...schemaRef('Run') },
      202: { description: 'The test run, not finished yet', ...schemaRef('Run') },
      ...errorResponses(...api, ...withBody, 404, 409, 422),
    },
  },
  testStep: {
    summary:
      "Test one step of the draft: run it alone on the trigger's sample or a past event, with the pinned outputs of the other steps",
    description: `Runs a test run of the draft reduced to this step; templates reading other steps read their pinned outputs (\`pinned.steps\` of the draft). ${realAppNotice}`,
    tags: ['workflows'],
    params: { type: 'object', required: ['id', 'stepId'], properties: { id, stepId: id } },
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        eventId,
        waitMs: {
          type: 'integer',
          minimum: 0,
          maximum: 60_000,
          default: 30_000,
          description: 'How long to wait for the step to finish before answering 202',
        },
      },
    },
    response: {
      200: { description: 'The step ran: its output or error is in `step`', ...testedStep },
      202: { description: 'Still running after waitMs', ...testedStep },
      ...errorResponses(...api, ...withBody, 404, 422),
    },
  },
  testEvent: {
    summary: "Listen for a test event: wait for the next event delivered to this workflow's webhook URL",
    description:
      "Long poll. Answers 200 with the next event the trigger connection durably accepts for this workflow's trigger (it is stored: test with it by its id), or 204 when none came within `timeoutMs`. On Kafka + MongoDB a delivery taken by any Wireup process of the deployment counts.",
    tags: ['workflows'],
    params: { type: 'object', required: ['id'], properties: { id } },
    querystring: {
      type: 'object',
      properties: {
        timeoutMs: {
          type: 'integer',
          minimum: 0,
          maximum: 8_000,
          default: 8_000,
          description:
            'How long to wait, at most 8 s (below common proxy and client read timeouts): listen again after a 204',
        },
      },
    },
    response: {
      200: {
        description: 'The event',
        type: 'object',
        required: ['event'],
        properties: {
          event: {
            type: 'object',
            required: ['id', 'type', 'payload', 'receivedAt'],
            properties: {
              id: { type: 'string' },
              type: { type: 'string' },
              payload: { description: 'The event as the trigger gives it to templates (`{{trigger.…}}`)' },
              receivedAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
      204: { description: 'No event within timeoutMs: listen again', type: 'null' },
      ...errorResponses(...api, 404),
    },
  },
} as const;
