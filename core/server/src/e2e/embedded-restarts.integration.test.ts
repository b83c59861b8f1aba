/**
 * Restarting the embedded server leaves nothing behind in its file: the outbox keeps one group per
 * subscriber for good, so a subscriber named anew at each start would pile up pending rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'wireup-restarts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded restarts', () => {
  it('three starts on one data folder leave one outbox group per topic and subscriber', async () => {
    for (let start = 0; start < 3; start += 1) {
      const h = await startHarness({}, { dataDir });
      await h.close();
    }
    const db = new Database(join(dataDir, 'wireup.db'), { readonly: true });
    try {
      const groups = db.prepare('SELECT topic, grp FROM outbox_groups ORDER BY topic, grp').all();
      expect(groups).toEqual([
        { topic: 'events', grp: 'wireup' },
        { topic: 'marketplace', grp: 'marketplace' },
        { topic: 'runs', grp: 'wireup' },
      ]);
    } finally {
      db.close();
    }
  });
});
