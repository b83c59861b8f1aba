import { describe, expect, it } from 'vitest';
import { validateManifest, assertValidManifest } from './validate-manifest.ts';
import { ManifestInvalidError } from './errors.ts';

const good = () => ({
  name: 'acme',
  version: '1.0.0',
  displayName: 'Acme',
  description: 'Acme app.',
  categories: ['crm'],
  sdk: '^0.1.0',
  auth: { kind: 'api-key', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true }] },
  triggers: [
    {
      key: 'thing-created',
      displayName: 'Thing created',
      description: 'Fires when a thing is created.',
      strategy: 'webhook',
      event: 'thing.created',
      outputSchema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      sample: { id: 't_1' },
    },
  ],
  actions: [
    {
      key: 'create-thing',
      displayName: 'Create thing',
      description: 'Creates a thing.',
      idempotent: false,
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
      sample: {},
    },
  ],
});

describe('validateManifest', () => {
  it('accepts a complete manifest', () => {
    expect(validateManifest(good())).toEqual([]);
  });

  it('names the path and the fix for a missing field', () => {
    const m: Record<string, unknown> = good();
    delete m.version;
    expect(validateManifest(m)).toContainEqual({
      path: '/version',
      message: 'is required',
      fix: 'add the property "version"',
    });
  });

  it('refuses a key that is not kebab-case, pointing at it', () => {
    const m = good();
    m.triggers[0].key = 'ThingCreated';
    const [problem] = validateManifest(m);
    expect(problem.path).toBe('/triggers/0/key');
    expect(problem.fix).toMatch(/kebab-case/);
  });

  it('refuses unknown properties by name', () => {
    const m = { ...good(), colour: 'red' };
    expect(validateManifest(m)).toContainEqual(
      expect.objectContaining({ path: '/colour', fix: 'remove "colour" or check its spelling' }),
    );
  });

  it('requires webhook triggers to name their event', () => {
    const m = good();
    delete (m.triggers[0] as Record<string, unknown>).event;
    expect(validateManifest(m)).toContainEqual(expect.objectContaining({ path: '/triggers/0/event' }));
  });

  it('finds a sample that does not match its output schema', () => {
    const m = good();
    m.triggers[0].sample = { id: 42 } as never;
    expect(validateManifest(m)).toContainEqual(expect.objectContaining({ path: '/triggers/0/sample/id' }));
  });

  it('finds duplicate keys', () => {
    const m = good();
    m.actions.push({ ...m.actions[0] });
    expect(validateManifest(m)).toContainEqual(
      expect.objectContaining({ path: '/actions', message: 'key "create-thing" is used more than once' }),
    );
  });

  it('throws ManifestInvalidError with every problem in its message', () => {
    const m: Record<string, unknown> = good();
    delete m.displayName;
    expect(() => assertValidManifest(m)).toThrow(ManifestInvalidError);
    expect(() => assertValidManifest(m)).toThrow(/\/displayName is required \(fix: add the property "displayName"\)/);
  });

  it('accepts recipes, and names a recipe step calling an action the connector lacks', () => {
    const recipe = {
      key: 'things',
      displayName: 'Things',
      description: 'Makes a thing per thing.',
      trigger: { connector: 'acme', trigger: 'thing-created' },
      steps: [{ id: 'make', type: 'action', connector: 'acme', action: 'create-thing', input: {} }],
    };
    expect(validateManifest({ ...good(), recipes: [recipe] })).toEqual([]);
    const wrong = { ...recipe, steps: [{ ...recipe.steps[0], action: 'create-thingy' }] };
    expect(validateManifest({ ...good(), recipes: [wrong, { ...recipe, key: 'things' }] })).toEqual([
      { path: '/recipes', message: 'key "things" is used more than once', fix: 'give each recipe its own key' },
      {
        path: '/recipes/0/steps/0/action',
        message: 'names action "create-thingy", which acme does not have',
        fix: 'use one of create-thing',
      },
    ]);
    expect(validateManifest({ ...good(), recipes: [{ ...recipe, steps: [] }] })[0].path).toBe('/recipes/0/steps');
  });

  it('finds a wrong action inside a switch branch of a recipe', () => {
    const branching = {
      key: 'branching',
      displayName: 'Branching',
      description: 'Makes a thing per currency.',
      trigger: { connector: 'acme', trigger: 'thing-created' },
      steps: [
        {
          id: 'by-kind',
          type: 'switch',
          on: '{{trigger.kind}}',
          cases: { big: [{ id: 'make', type: 'action', connector: 'acme', action: 'create-thingy', input: {} }] },
        },
      ],
    };
    expect(validateManifest({ ...good(), recipes: [branching] }).map((p) => p.path)).toEqual([
      '/recipes/0/steps/0/cases/big/0/action',
    ]);
  });
});
