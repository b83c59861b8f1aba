/** Store contract, part: workflows, drafts and immutable published versions. */
import { describe, expect, it } from 'vitest';
import type { Store } from '@wireup/store';
import { document } from './store-fixtures.ts';

export function describeWorkflowContract(getStore: () => Store): void {
  describe('workflows', () => {
    it('creates a workflow as an unpublished draft', async () => {
      const { workflows } = getStore();
      const draft = document('Failed charges to Kustomer');
      const created = await workflows.create('wf-1', draft);
      expect(created).toMatchObject({ id: 'wf-1', draft, publishedVersion: null, latestVersion: 0 });
      expect(typeof created.createdAt).toBe('string');
      expect(await workflows.get('wf-1')).toEqual(created);
      expect(await workflows.get('missing')).toBeNull();
      await expect(workflows.create('wf-1', draft)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    });

    it('lists every workflow', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-a', document('A'));
      await workflows.create('wf-b', document('B'));
      expect((await workflows.list()).map((w) => w.id).sort()).toEqual(['wf-a', 'wf-b']);
    });

    it('replaces the draft, and answers null for an absent workflow', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-1', document('v1'));
      const updated = await workflows.updateDraft('wf-1', document('v2', { trigger: 'charge-succeeded' }));
      expect(updated?.draft).toEqual(document('v2', { trigger: 'charge-succeeded' }));
      expect((await workflows.get('wf-1'))?.draft.name).toBe('v2');
      expect(await workflows.updateDraft('missing', document('x'))).toBeNull();
    });

    it('publishes the draft as numbered versions that later edits never change', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-1', document('first'));
      const v1 = await workflows.publish('wf-1');
      expect(v1).toMatchObject({ workflowId: 'wf-1', version: 1, document: document('first') });
      expect(typeof v1!.publishedAt).toBe('string');
      expect(await workflows.get('wf-1')).toMatchObject({ publishedVersion: 1, latestVersion: 1 });

      await workflows.updateDraft('wf-1', document('second'));
      expect((await workflows.getVersion('wf-1', 1))?.document).toEqual(document('first'));
      expect(await workflows.get('wf-1')).toMatchObject({ publishedVersion: 1, draft: document('second') });

      const v2 = await workflows.publish('wf-1');
      expect(v2).toMatchObject({ version: 2, document: document('second') });
      expect(await workflows.getVersion('wf-1', 1)).toEqual(v1);
      expect(await workflows.getVersion('wf-1', 3)).toBeNull();
      expect(await workflows.publish('missing')).toBeNull();
    });

    it('unpublishes without losing versions, and publishing again makes a new version', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-1', document('first'));
      await workflows.publish('wf-1');
      const off = await workflows.unpublish('wf-1');
      expect(off).toMatchObject({ publishedVersion: null, latestVersion: 1 });
      expect(await workflows.getVersion('wf-1', 1)).not.toBeNull();
      expect(await workflows.listPublishedForTrigger('stripe', 'charge-failed', 'conn-1')).toEqual([]);
      expect((await workflows.publish('wf-1'))?.version).toBe(2);
      expect(await workflows.unpublish('missing')).toBeNull();
    });

    it('deletes only an unpublished workflow; the versions its runs ran are kept', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-del', document('to delete'));
      await workflows.publish('wf-del');
      expect(await workflows.delete('wf-del')).toBe('published');
      expect(await workflows.get('wf-del')).not.toBeNull();
      await workflows.unpublish('wf-del');
      expect(await workflows.delete('wf-del')).toBe('deleted');
      expect(await workflows.get('wf-del')).toBeNull();
      expect((await workflows.list()).map((w) => w.id)).not.toContain('wf-del');
      expect(await workflows.getVersion('wf-del', 1)).not.toBeNull();
      expect(await workflows.delete('wf-del')).toBe('missing');
    });

    it('finds the published workflows a trigger fires, by their published version, not their draft', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-match', document('match'));
      await workflows.publish('wf-match');
      await workflows.updateDraft('wf-match', document('moved', { connection: 'conn-2' }));
      await workflows.create('wf-other-trigger', document('other', { trigger: 'charge-succeeded' }));
      await workflows.publish('wf-other-trigger');
      await workflows.create('wf-other-connection', document('other', { connection: 'conn-9' }));
      await workflows.publish('wf-other-connection');
      await workflows.create('wf-other-connector', document('other', { connector: 'kustomer' }));
      await workflows.publish('wf-other-connector');
      await workflows.create('wf-draft-only', document('draft'));
      await workflows.create('wf-second', document('second match'));
      await workflows.publish('wf-second');
      await workflows.updateDraft('wf-second', document('second match v2'));
      await workflows.publish('wf-second');

      const fired = await workflows.listPublishedForTrigger('stripe', 'charge-failed', 'conn-1');
      expect(fired.map((w) => [w.workflowId, w.version]).sort()).toEqual([
        ['wf-match', 1],
        ['wf-second', 2],
      ]);
      expect(fired.find((w) => w.workflowId === 'wf-second')?.document.name).toBe('second match v2');
      expect(await workflows.listPublishedForTrigger('stripe', 'charge-failed', 'conn-2')).toEqual([]);
    });

    it('finds every published workflow whose trigger uses a connection', async () => {
      const { workflows } = getStore();
      await workflows.create('wf-a', document('a'));
      await workflows.publish('wf-a');
      await workflows.create('wf-b', document('b', { trigger: 'charge-succeeded' }));
      await workflows.publish('wf-b');
      await workflows.create('wf-c', document('c', { connection: 'conn-2' }));
      await workflows.publish('wf-c');
      await workflows.create('wf-d', document('d'));
      const found = await workflows.listPublishedForConnection('conn-1');
      expect(found.map((w) => w.workflowId).sort()).toEqual(['wf-a', 'wf-b']);
      expect(found.every((w) => w.version === 1)).toBe(true);
      await workflows.unpublish('wf-a');
      expect((await workflows.listPublishedForConnection('conn-1')).map((w) => w.workflowId)).toEqual(['wf-b']);
    });
  });
}
