import { describe, expect, it } from 'vitest';
import type { ConnectorManifest } from './generated/manifest.ts';
import { publishingProblems } from './publishing-problems.ts';
import { validateManifest } from './validate-manifest.ts';

const manifest = (description: string): ConnectorManifest =>
  ({
    name: 'acme-crm',
    version: '0.1.0',
    displayName: 'Acme CRM',
    description,
    categories: ['crm'],
    sdk: '^0.1.0',
    auth: { kind: 'api-key', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true }] },
    triggers: [
      {
        key: 'item-created',
        displayName: 'Item created',
        description: 'Fires when an item is created.',
        strategy: 'webhook',
        event: 'item.created',
        outputSchema: { type: 'object' },
        sample: {},
      },
    ],
    actions: [
      {
        key: 'create-item',
        displayName: 'Create item',
        description: 'Creates an item.',
        idempotent: true,
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object' },
        sample: {},
      },
    ],
  }) as ConnectorManifest;

describe('publishingProblems', () => {
  it("refuses the scaffold's TODO description of a manifest that is otherwise valid, saying where to write the real one", () => {
    const m = manifest('TODO(acme-crm): say in one or two sentences what Acme CRM is.');
    expect(validateManifest(m)).toEqual([]);
    expect(publishingProblems(m)).toEqual([
      {
        path: '/description',
        message: 'still holds a placeholder: "TODO(acme-crm): say in one or two sentences what Acme CRM is."',
        fix: 'write the real description in src/connector.ts, then run `npm run codegen`',
      },
    ]);
  });

  it('finds placeholders in trigger and action text too, and accepts finished text (a word merely containing "todo" included)', () => {
    const m = manifest('Acme CRM keeps your customers and their todos.');
    expect(publishingProblems(m)).toEqual([]);
    m.actions[0].description = 'TODO: say what it does.';
    m.triggers[0].displayName = 'TODO';
    expect(publishingProblems(m).map((p) => p.path)).toEqual(['/triggers/0/displayName', '/actions/0/description']);
  });
});
