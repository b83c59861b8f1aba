import { describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '@wireup/sdk';
import { diffManifests, upgradeReport } from './upgrade-report.ts';
import type { PublishedUse } from './workflow-pins.ts';

const action = (
  key: string,
  input: Record<string, unknown> = {},
  output: Record<string, unknown> = { id: { type: 'string' } },
) => ({
  key,
  displayName: key,
  description: key,
  idempotent: true,
  sample: {},
  inputSchema: { type: 'object', properties: input, required: [] as string[] },
  outputSchema: { type: 'object', properties: output },
});
const manifest = (version: string, actions: unknown[], triggers: unknown[] = []) =>
  ({ name: 'acme', version, actions, triggers }) as unknown as ConnectorManifest;
const use = (step: string, key: string, kind: 'action' | 'trigger' = 'action'): PublishedUse => ({
  connector: 'acme',
  version: '1.0.0',
  step,
  kind,
  key,
  workflowId: 'wf_1',
  workflowName: 'Sync',
  workflowVersion: 3,
});

describe('upgrade report', () => {
  it('names removed actions and triggers, new required inputs, changed input types and removed output fields', () => {
    const before = manifest(
      '1.0.0',
      [action('create', { name: { type: 'string' } }, { id: {}, url: {} }), action('archive')],
      [{ key: 'created' }],
    );
    const next = action('create', { name: { type: 'number' }, owner: { type: 'string' } }, { id: {} });
    next.inputSchema.required = ['owner'];
    expect(
      diffManifests(before, manifest('1.1.0', [next])).map((c) => `${c.kind} ${c.item} ${c.field ?? ''}`.trim()),
    ).toEqual([
      'trigger-removed triggers.created',
      'input-required actions.create owner',
      'input-type-changed actions.create name',
      'output-field-removed actions.create url',
      'action-removed actions.archive',
    ]);
  });

  it('lists the triggers and actions the newer version adds, apart from the changes that can break', () => {
    const report = upgradeReport(
      manifest('1.0.0', [action('create')], [{ key: 'created' }]),
      manifest(
        '1.1.0',
        [action('create'), action('archive')],
        [{ key: 'created' }, { key: 'archived', displayName: 'Item archived' }],
      ),
      [use('make', 'create')],
    );
    expect(report.added).toEqual([
      {
        kind: 'trigger-added',
        item: 'triggers.archived',
        displayName: 'Item archived',
        message: 'trigger "archived" is new',
      },
      { kind: 'action-added', item: 'actions.archive', displayName: 'archive', message: 'action "archive" is new' },
    ]);
    expect(report.changes).toEqual([]);
    expect(report.safe).toBe(true);
    expect(
      upgradeReport(manifest('1.0.0', [action('create')]), manifest('1.0.1', [action('create')]), []).added,
    ).toEqual([]);
  });

  it('lists the published workflow steps that would break, and only those', () => {
    const report = upgradeReport(
      manifest('1.0.0', [action('create'), action('archive')]),
      manifest('1.1.0', [action('create')]),
      [use('make', 'create'), use('tidy', 'archive')],
    );
    expect(report).toMatchObject({ connector: 'acme', from: '1.0.0', to: '1.1.0', safe: false });
    expect(report.breaks).toEqual([
      {
        workflowId: 'wf_1',
        workflowName: 'Sync',
        workflowVersion: 3,
        step: 'tidy',
        item: 'actions.archive',
        reasons: ['action "archive" is removed'],
      },
    ]);
  });

  it('is safe when nothing used changes', () => {
    expect(
      upgradeReport(manifest('1.0.0', [action('create')]), manifest('1.0.1', [action('create'), action('new')]), [
        use('make', 'create'),
      ]).safe,
    ).toBe(true);
  });
});
