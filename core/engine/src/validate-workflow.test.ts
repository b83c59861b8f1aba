import { describe, expect, it } from 'vitest';
import type { Connector } from '@wireup/sdk';
import { validateWorkflowDocument } from './validate-workflow.ts';
import { createTestConnector } from './testing/test-connector.ts';
import { createEngine } from './create-engine.ts';

const { connector } = createTestConnector();
const catalog = {
  get: (name: string): Connector | undefined => (name === 'acme' ? connector : undefined),
  list: () => [connector],
};

function workflow(steps: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Paid orders to tickets',
    trigger: { connector: 'acme', trigger: 'order-paid', connection: 'conn_1' },
    steps,
    ...extra,
  };
}

const ticket = (
  id: string,
  input: Record<string, unknown> = { customer: '{{trigger.customer}}', title: 'Order {{trigger.id}}' },
) => ({ id, type: 'action', connector: 'acme', action: 'create-ticket', connection: 'conn_1', input });

function problemsOf(document: unknown): string[] {
  return validateWorkflowDocument(document, catalog).map((p) => `${p.path}: ${p.message} (fix: ${p.fix})`);
}

describe('validateWorkflowDocument', () => {
  it('accepts a valid workflow with a filter, a switch and actions', () => {
    expect(
      problemsOf(
        workflow([
          {
            id: 'paid-only',
            type: 'filter',
            when: {
              all: [
                { left: '{{trigger.status}}', op: 'equals', right: 'paid' },
                { left: '{{trigger.email}}', op: 'exists' },
              ],
            },
          },
          {
            id: 'by-currency',
            type: 'switch',
            on: '{{trigger.currency}}',
            cases: { usd: [ticket('usd-ticket')], eur: [ticket('eur-ticket')] },
            default: [],
          },
          ticket('summary', {
            customer: '{{steps.usd-ticket.output.id}}',
            title: '{{steps.by-currency.output.branch}}',
          }),
        ]),
      ),
    ).toEqual([]);
  });

  it('names the field of a schema mistake', () => {
    expect(
      problemsOf(workflow([{ id: 'a', type: 'action', connector: 'acme', action: 'create-ticket', input: {} }])),
    ).toEqual([expect.stringMatching(/^\/steps\/0\/connection: is required/)]);
    expect(problemsOf(workflow([{ ...ticket('a'), colour: 'red' }]))[0]).toMatch(
      /^\/steps\/0\/colour: is not a known property \(fix: remove "colour"/,
    );
    expect(problemsOf(workflow([ticket('Bad_Id')]))[0]).toMatch(/^\/steps\/0\/id: must match pattern/);
    expect(
      problemsOf(workflow([{ id: 'f', type: 'filter', when: { all: [{ left: 'a', op: 'similar', right: 'b' }] } }]))[0],
    ).toMatch(/^\/steps\/0\/when\/all\/0\/op: must be equal to one of the allowed values \(fix: use one of: "equals"/);
    expect(problemsOf(workflow([{ id: 'x', type: 'loop' }]))[0]).toMatch(
      /^\/steps\/0\/type: must be equal to one of the allowed values/,
    );
    expect(problemsOf({ name: 'x', steps: [] })).toEqual([expect.stringMatching(/^\/trigger: is required/)]);
  });

  it('names a duplicate step id, inside switch branches too', () => {
    expect(
      problemsOf(workflow([ticket('open'), { id: 'route', type: 'switch', on: 'x', cases: { a: [ticket('open')] } }])),
    ).toEqual([
      '/steps/1/cases/a/0/id: step id "open" is already used at /steps/0 (fix: give each step its own id (ids are unique across all branches))',
    ]);
  });

  it('names unknown connectors, triggers and actions, suggesting the closest', () => {
    expect(problemsOf(workflow([{ ...ticket('a'), action: 'create-tiket' }]))).toEqual([
      '/steps/0/action: unknown action "create-tiket" of connector acme (fix: one of create-ticket, send-once, notify)',
    ]);
    expect(problemsOf(workflow([{ ...ticket('a'), connector: 'acne' }]))).toEqual([
      '/steps/0/connector: unknown connector "acne" (fix: install it, or use one of acme)',
    ]);
    expect(
      problemsOf(workflow([], { trigger: { connector: 'acme', trigger: 'order-payed', connection: 'c' } })),
    ).toEqual([
      '/trigger/trigger: unknown trigger "order-payed" of connector acme (fix: one of order-paid, order-failed, order-polled)',
    ]);
  });

  it('accepts a polling trigger with a poll function, and refuses one without', () => {
    const polled = workflow([], { trigger: { connector: 'acme', trigger: 'order-polled', connection: 'c' } });
    expect(problemsOf(polled)).toEqual([
      '/trigger/trigger: trigger "order-polled" of connector acme is a polling trigger without a poll function, so it can never fire (fix: use another trigger, or a version of the connector that implements poll)',
    ]);
    const trigger = { ...connector.triggers.get('order-polled')!, poll: async () => ({ items: [], cursor: null }) };
    const polling: Connector = { ...connector, triggers: new Map([...connector.triggers, ['order-polled', trigger]]) };
    expect(validateWorkflowDocument(polled, { get: () => polling, list: () => [polling] })).toEqual([]);
  });

  it('names missing and unknown action inputs', () => {
    expect(problemsOf(workflow([ticket('a', { customer: 'c', titel: 'x' })]))).toEqual([
      '/steps/0/input/title: is required by action acme.create-ticket (fix: map a value or a template such as {{trigger.data.object.id}} to it)',
      '/steps/0/input/titel: is not an input of action acme.create-ticket (fix: remove it, or use one of title, meta, amount, customer)',
    ]);
  });

  it('accepts a code step whose output later steps read', () => {
    expect(
      problemsOf(
        workflow(
          [
            {
              id: 'calc',
              type: 'code',
              input: { amount: '{{trigger.amount}}' },
              code: 'const cents = input.amount;\nreturn { dollars: cents / 100 }',
            },
            ticket('open', { customer: '{{trigger.customer}}', title: 'Paid {{steps.calc.output.dollars}}' }),
          ],
          { codeLimits: { timeoutMs: 2000, memoryMb: 64 } },
        ),
      ),
    ).toEqual([]);
  });

  it("names a code step's syntax error with the step and its position, and a bad template in its input", () => {
    expect(
      problemsOf(
        workflow([
          { id: 'calc', type: 'code', input: { a: '{{steps.later.output}}' }, code: 'const a = 1;\nreturn { a: };' },
        ]),
      ),
    ).toEqual([
      '/steps/0/input/a: template "{{steps.later.output}}" reads step "later", which does not run before this step (fix: only the trigger can be read here: {{trigger.<path>}})',
      '/steps/0/code: step "calc": SyntaxError: unexpected token in expression: \'}\' at line 2, column 13 (fix: correct the JavaScript; the code is the body of an async function of input, e.g. return { dollars: input.amount / 100 })',
    ]);
  });

  it('finds a syntax error without running code that closes its function early', () => {
    const problems = problemsOf(workflow([{ id: 'sneaky', type: 'code', code: '}); while (true) {} (function () {' }]));
    expect(problems).toEqual([expect.stringMatching(/^\/steps\/0\/code: step "sneaky": SyntaxError/)]);
  });

  it("refuses a code step without code, and codeLimits above the server's maxima", () => {
    expect(problemsOf(workflow([{ id: 'calc', type: 'code', code: '' }]))).toEqual([
      expect.stringMatching(/^\/steps\/0\/code: must NOT have fewer than 1 characters/),
    ]);
    expect(problemsOf(workflow([], { codeLimits: { timeoutMs: 60_000, memoryMb: 0 } }))).toEqual([
      expect.stringMatching(/^\/codeLimits\/memoryMb: must be >= 1/),
    ]);
    expect(problemsOf(workflow([], { codeLimits: { timeoutMs: 60_000 } }))).toEqual([
      "/codeLimits/timeoutMs: is 60000, above this server's maximum of 10000 (fix: give at most 10000, or raise WIREUP_CODE_MAX_TIMEOUT_MS on the server)",
    ]);
  });

  describe('ai steps', () => {
    // Validation reads only the openai connector's name and its chat action.
    const openai = {
      ...connector,
      manifest: { ...connector.manifest, name: 'openai' },
      actions: new Map([['chat', connector.actions.get('notify')!]]),
    } as Connector;
    const withOpenai = {
      get: (name: string) => (name === 'acme' ? connector : name === 'openai' ? openai : undefined),
      list: () => [connector, openai],
    };
    const aiProblems = (document: unknown) =>
      validateWorkflowDocument(document, withOpenai).map((p) => `${p.path}: ${p.message}`);
    const classify = {
      id: 'classify',
      type: 'ai',
      connection: 'conn_ai',
      prompt: 'Classify: {{trigger.description}}',
      output: 'json',
      schema: { type: 'object', required: ['intent'], properties: { intent: { enum: ['refund', 'other'] } } },
    };

    it('accepts an ai step whose output a switch and later steps read', () => {
      expect(
        aiProblems(
          workflow([
            classify,
            {
              id: 'route',
              type: 'switch',
              on: '{{steps.classify.output.intent}}',
              cases: { refund: [ticket('refund-ticket', { customer: '{{trigger.customer}}', title: 'Refund' })] },
            },
          ]),
        ),
      ).toEqual([]);
      expect(
        aiProblems(
          workflow([{ id: 'summarise', type: 'ai', connection: 'conn_ai', prompt: 'Summarise {{trigger.id}}' }]),
        ),
      ).toEqual([]);
    });

    it('names a template of a later step, a schema without output json, a schema that is not one, and a missing connector', () => {
      expect(
        aiProblems(workflow([{ ...classify, prompt: 'Classify {{steps.later.output}}' }, ticket('later')])),
      ).toEqual([
        '/steps/0/prompt: template "{{steps.later.output}}" reads step "later", which does not run before this step',
      ]);
      expect(aiProblems(workflow([{ ...classify, output: 'text' }]))).toEqual([
        '/steps/0/schema: is only used with output "json"',
      ]);
      expect(aiProblems(workflow([{ ...classify, schema: { type: 'objekt' } }]))[0]).toMatch(
        /^\/steps\/0\/schema: is not a valid JSON Schema: schema is invalid/,
      );
      expect(aiProblems(workflow([{ ...classify, output: 'yaml' }]))[0]).toMatch(
        /^\/steps\/0\/output: must be equal to one of the allowed values/,
      );
      expect(problemsOf(workflow([classify]))).toEqual([
        expect.stringMatching(
          /^\/steps\/0\/type: AI steps need the openai connector \(its chat action\), which is not installed/,
        ),
      ]);
    });
  });

  it('names templates that read a later step, an unknown root or a bad path', () => {
    expect(
      problemsOf(
        workflow([
          ticket('first', { customer: '{{steps.second.output.id}}', title: '{{event.id}} {{trigger..x}}' }),
          ticket('second'),
        ]),
      ),
    ).toEqual([
      '/steps/0/input/customer: template "{{steps.second.output.id}}" reads step "second", which does not run before this step (fix: only the trigger can be read here: {{trigger.<path>}})',
      '/steps/0/input/title: template "{{event.id}}" reads "event", which is not available (fix: start the path with trigger or steps, e.g. {{trigger.data.object.id}})',
      '/steps/0/input/title: template "{{trigger..x}}" is not a valid path (fix: write a dotted path such as {{trigger.data.object.id}} or {{steps.<id>.output.<field>}})',
    ]);
  });

  it('does not let one switch branch read a step of another branch', () => {
    const problems = problemsOf(
      workflow([
        {
          id: 'route',
          type: 'switch',
          on: 'x',
          cases: { a: [ticket('in-a')], b: [ticket('in-b', { customer: '{{steps.in-a.output.id}}', title: 't' })] },
        },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^\/steps\/0\/cases\/b\/0\/input\/customer: template .* reads step "in-a", which does not run before this step/,
      ),
    ]);
  });

  it('names a condition without a right side and a bad pattern', () => {
    expect(
      problemsOf(
        workflow([
          {
            id: 'f',
            type: 'filter',
            when: {
              any: [
                { left: '{{trigger.a}}', op: 'equals' },
                { left: '{{trigger.b}}', op: 'matches', right: '([' },
              ],
            },
          },
        ]),
      ),
    ).toEqual([
      '/steps/0/when/any/0/right: is required for op "equals" (fix: give the value to compare with)',
      expect.stringMatching(
        /^\/steps\/0\/when\/any\/1\/right: step "f", condition any\[1\]: "\(\[" is not a pattern the linear-time regex engine \(RE2\) accepts/,
      ),
    ]);
  });
});

describe('Engine.validateWorkflow', () => {
  it("validates against the engine's connector catalog", () => {
    const engine = createEngine({
      store: {} as never,
      bus: {} as never,
      connectors: catalog,
      openAuth: () => ({}),
      http: {
        request: async () => {
          throw new Error('unused');
        },
      },
    });
    expect(engine.validateWorkflow(workflow([ticket('a')]))).toEqual([]);
    expect(engine.validateWorkflow(workflow([{ ...ticket('a'), action: 'create-tiket' }]))).toEqual([
      {
        path: '/steps/0/action',
        message: 'unknown action "create-tiket" of connector acme',
        fix: 'one of create-ticket, send-once, notify',
      },
    ]);
  });
});
