/**
 * The workflow document's JSON Schema (draft-07). The API, the editor, the marketplace's
 * templates and the pair pages all speak this shape. Steps are told apart by `type` with
 * if/then, so a mistake in an action step reports the action's fields, not every step type's.
 */
import { conditionOps, type JsonSchema } from '@wireup/sdk';

const kebab = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
const semver = '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$';
const stepTypes = ['filter', 'switch', 'action', 'code', 'ai'] as const;

const common = {
  id: {
    type: 'string',
    pattern: kebab,
    description: 'Kebab-case id, unique in the workflow; templates read `steps.<id>.output`.',
  },
  type: { type: 'string', enum: stepTypes },
  name: { type: 'string', description: 'Label shown in the editor.' },
};

/** Step types by definition name. */
const stepDefinitions: Record<(typeof stepTypes)[number], JsonSchema> = {
  filter: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'when'],
    description: 'Stops the run (status filtered) unless its conditions hold.',
    properties: { ...common, when: { $ref: '#/definitions/conditionGroup' } },
  },
  switch: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'on', 'cases'],
    description: 'Runs the branch whose key equals the value of `on` (as text), else `default`.',
    properties: {
      ...common,
      on: { description: 'A template, e.g. `{{trigger.data.object.currency}}`.' },
      cases: {
        type: 'object',
        additionalProperties: { $ref: '#/definitions/steps' },
        description: 'Branches by value.',
      },
      default: { $ref: '#/definitions/steps' },
    },
  },
  action: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'connector', 'action', 'connection'],
    description: 'Calls a connector action with the rendered input.',
    properties: {
      ...common,
      connector: { type: 'string', pattern: kebab, description: 'Connector name, e.g. `kustomer`.' },
      version: {
        type: 'string',
        pattern: semver,
        description:
          'Connector version this step runs on (marketplace connectors). Publish pins the newest installed version where none is given.',
      },
      action: { type: 'string', pattern: kebab, description: 'Action key, e.g. `create-conversation`.' },
      connection: { type: 'string', minLength: 1, description: 'Id of a connection of that connector.' },
      input: { type: 'object', description: 'The action input; string values may hold templates.' },
    },
  },
  code: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'code'],
    description:
      'Runs `code`, the body of an async function of `input`, in a sandbox; its JSON return value is the output.',
    properties: {
      ...common,
      code: {
        type: 'string',
        minLength: 1,
        maxLength: 100_000,
        description:
          'JavaScript: the body of `async function (input) { … }`, e.g. `return { dollars: input.amount / 100 }`.',
      },
      input: { type: 'object', description: 'What the code reads as `input`; string values may hold templates.' },
    },
  },
  ai: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'connection', 'prompt'],
    description:
      'Asks the chat model of an `openai` connection; output `{text}`, or with output `json` the answer parsed and valid against `schema`.',
    properties: {
      ...common,
      connection: {
        type: 'string',
        minLength: 1,
        description: 'Id of an `openai` connection (any OpenAI-compatible endpoint).',
      },
      prompt: {
        type: 'string',
        minLength: 1,
        description:
          'What to ask; may hold templates, e.g. `Classify the intent of: {{trigger.data.object.description}}`.',
      },
      output: {
        type: 'string',
        enum: ['text', 'json'],
        description: '`text` (default): the output is `{text}`. `json`: the output is the answer parsed as JSON.',
      },
      schema: {
        type: 'object',
        description:
          'With output `json`: the JSON Schema the answer must match; an answer that does not is asked again once, then the step fails with AI_OUTPUT_INVALID.',
      },
      system: { type: 'string', description: 'Instructions sent before the prompt.' },
      model: { type: 'string', minLength: 1, description: "A model other than the connection's." },
      temperature: { type: 'number', minimum: 0, maximum: 2, description: 'Sampling temperature.' },
      maxTokens: { type: 'integer', minimum: 1, description: 'Most tokens the answer may have.' },
      timeoutMs: {
        type: 'integer',
        minimum: 1000,
        maximum: 600000,
        description: 'How long one call may take. Default 60000.',
      },
    },
  },
};

/** The JSON Schema of a workflow document. */
export const workflowDocumentSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://wireup.dev/schemas/workflow.json',
  title: 'Workflow',
  description: 'A trigger and the steps it runs.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'trigger', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'Shown in lists, e.g. "Failed charges to Kustomer".' },
    description: { type: 'string' },
    trigger: {
      type: 'object',
      additionalProperties: false,
      required: ['connector', 'trigger', 'connection'],
      properties: {
        connector: { type: 'string', pattern: kebab, description: 'Connector name, e.g. `stripe`.' },
        version: {
          type: 'string',
          pattern: semver,
          description:
            'Connector version the trigger is pinned to (marketplace connectors); set by publish when absent.',
        },
        trigger: { type: 'string', pattern: kebab, description: 'Trigger key, e.g. `charge-failed`.' },
        connection: {
          type: 'string',
          minLength: 1,
          description: 'Id of the connection whose webhooks start the workflow.',
        },
      },
    },
    steps: { $ref: '#/definitions/steps' },
    pinned: {
      type: 'object',
      additionalProperties: false,
      description:
        'Samples pinned in the editor, kept with the draft: the mapping tree shows them, and step tests and test runs (POST /v1/workflows/{id}/test) read them. Runs the provider starts never read them.',
      properties: {
        trigger: {
          description:
            'A trigger event used instead of the trigger\'s sample, e.g. one caught by "listen for a test event".',
        },
        steps: {
          type: 'object',
          description: "Outputs of steps by step id, e.g. a step test's result pinned for the steps after it.",
          additionalProperties: true,
        },
      },
    },
    codeLimits: {
      type: 'object',
      additionalProperties: false,
      description: "Limits of this workflow's code steps, up to the server's maxima (WIREUP_CODE_MAX_*).",
      properties: {
        timeoutMs: { type: 'integer', minimum: 1, description: 'Wall time of one run of the code. Default 1000.' },
        memoryMb: { type: 'integer', minimum: 1, description: 'Memory of the sandbox. Default 32.' },
        outputKb: { type: 'integer', minimum: 1, description: 'Size of the return value as JSON. Default 256.' },
        logKb: { type: 'integer', minimum: 1, description: 'Console lines kept in the run log. Default 16.' },
      },
    },
  },
  definitions: {
    steps: { type: 'array', items: { $ref: '#/definitions/step' } },
    step: {
      type: 'object',
      required: ['id', 'type'],
      properties: { id: common.id, type: common.type },
      allOf: stepTypes.map((t) => ({
        if: { properties: { type: { const: t } }, required: ['type'] },
        then: { $ref: `#/definitions/${t}Step` },
      })),
    },
    ...Object.fromEntries(stepTypes.map((t) => [`${t}Step`, stepDefinitions[t]])),
    conditionGroup: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: 'Exactly one of `all` (every condition holds) or `any` (at least one holds).',
      properties: {
        all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } },
        any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } },
      },
    },
    condition: {
      type: 'object',
      additionalProperties: false,
      required: ['left', 'op'],
      properties: {
        left: { description: 'Usually a template, e.g. `{{trigger.data.object.failure_code}}`.' },
        op: {
          type: 'string',
          enum: [...conditionOps],
        },
        right: { description: 'The value compared with; unused by exists and not_exists.' },
      },
    },
  },
};
