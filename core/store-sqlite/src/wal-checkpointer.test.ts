import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqlite-store.ts';

const event = (n: number) => ({
  key: `c1:evt_${n}`,
  connectionId: 'c1',
  connector: 'stripe',
  providerEventId: `evt_${n}`,
  type: 'charge.failed',
  payload: { n, note: 'x'.repeat(2_000) },
  status: 'received' as const,
  receivedAt: '2026-12-08T00:00:00.000Z',
});

describe('WAL checkpoints', () => {
  it('are made off the main thread: the data reaches the database file, and under steady writes the WAL stays bounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-wal-'));
    const path = join(dir, 'wireup.db');
    // Restart from 500 pages (2 MiB) on, checkpoints every 50 ms: small, to see it within a test.
    const store = createSqliteStore({ path, walCheckpoints: { intervalMs: 50, restartAtPages: 500 } });
    try {
      await store.start();
      // The store's own connection never checkpoints (it would stall the main thread).
      expect(store.sqlite.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(path).size;
      // ~16 MB of events written steadily: without the restart the WAL would hold all of it.
      for (let n = 0; n < 8_000; n += 4) await Promise.all([0, 1, 2, 3].map((i) => store.events.accept(event(n + i))));
      const deadline = Date.now() + 5_000;
      while (statSync(path).size < before + 12_000_000 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(statSync(path).size).toBeGreaterThan(before + 12_000_000);
      expect(statSync(`${path}-wal`).size).toBeLessThan(8_000_000);
      expect((await store.events.get('c1:evt_7999'))?.payload).toMatchObject({ n: 7999 });
    } finally {
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
