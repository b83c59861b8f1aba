import { describe, expect, it } from 'vitest';
import { dedupeById, definePollingTrigger } from './polling.ts';
import { defineConnector } from './define.ts';
import { ManifestInvalidError } from './errors.ts';

const trigger = (pollIntervalSeconds: number) =>
  definePollingTrigger({
    key: 'new-row',
    displayName: 'New row',
    description: 'When a row is added.',
    pollIntervalSeconds,
    outputSchema: { type: 'object' },
    sample: { id: 'r1' },
    poll: async ({ cursor }) => ({ items: [{ id: 'r2', payload: { after: cursor } }], cursor: 'r2' }),
  });

const connector = (pollIntervalSeconds: number) =>
  defineConnector({
    name: 'sheet',
    version: '1.0.0',
    displayName: 'Sheet',
    description: 'Rows.',
    categories: ['data'],
    sdk: '^0.1.0',
    auth: { kind: 'api-key', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true }] },
    triggers: [trigger(pollIntervalSeconds)],
    actions: [],
  });

describe('definePollingTrigger', () => {
  it('makes a polling trigger whose manifest carries the interval but not the code', async () => {
    const c = connector(60);
    const t = c.triggers.get('new-row')!;
    expect(t.strategy).toBe('polling');
    expect(
      await t.poll!({
        auth: {},
        http: {
          request: async () => {
            throw new Error('unused');
          },
        },
        cursor: 'r1',
      }),
    ).toEqual({ items: [{ id: 'r2', payload: { after: 'r1' } }], cursor: 'r2' });
    expect(c.manifest.triggers[0]).toEqual({
      key: 'new-row',
      displayName: 'New row',
      description: 'When a row is added.',
      pollIntervalSeconds: 60,
      outputSchema: { type: 'object' },
      sample: { id: 'r1' },
      strategy: 'polling',
    });
  });

  it('is refused by the manifest schema below the 10 s minimum interval', () => {
    expect(() => connector(5)).toThrow(ManifestInvalidError);
    expect(() => connector(5)).toThrow(/\/triggers\/0\/pollIntervalSeconds/);
  });
});

describe('dedupeById', () => {
  it('keeps the first item of each id, in order', () => {
    const items = [
      { id: 'a', payload: 1 },
      { id: 'b', payload: 2 },
      { id: 'a', payload: 3 },
      { id: 'c', payload: 4 },
      { id: 'b', payload: 5 },
    ];
    expect(dedupeById(items)).toEqual([
      { id: 'a', payload: 1 },
      { id: 'b', payload: 2 },
      { id: 'c', payload: 4 },
    ]);
  });

  it('returns an empty list for no items', () => {
    expect(dedupeById([])).toEqual([]);
  });
});
