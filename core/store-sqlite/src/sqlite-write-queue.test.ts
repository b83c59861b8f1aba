import { fstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createWriteQueue } from './sqlite-write-queue.ts';

let db: Database.Database;
afterEach(() => {
  db?.close();
});

function open(): Database.Database {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  return db;
}

describe('write queue (group commit)', () => {
  it('commits the writes of one turn together, and resolves each only once committed', async () => {
    const db = open();
    const commits: number[] = [];
    let batch = 0;
    db.function('mark', () => {
      commits.push(batch);
      return 1;
    });
    const queue = createWriteQueue(db);
    const insert = db.prepare('INSERT INTO t (id, n) VALUES (?, mark())');
    const writes = [1, 2, 3].map((i) => queue.write(() => insert.run(`r${i}`).changes));
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(3);
    expect(db.inTransaction).toBe(false);
    batch = 1;
    await queue.write(() => insert.run('r4'));
    expect(commits).toEqual([0, 0, 0, 1]);
  });

  it('rejects only the write that failed; the others of its turn still commit, in order', async () => {
    const db = open();
    const queue = createWriteQueue(db);
    const insert = db.prepare('INSERT INTO t (id, n) VALUES (?, ?)');
    const results = await Promise.allSettled([
      queue.write(() => insert.run('a', 1)),
      queue.write(() => insert.run('a', 2)),
      queue.write(() => {
        insert.run('b', 3);
        throw new Error('refused halfway');
      }),
      queue.write(() => insert.run('c', 4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('refused halfway');
    expect(db.prepare('SELECT id, n FROM t ORDER BY id').all()).toEqual([
      { id: 'a', n: 1 },
      { id: 'c', n: 4 },
    ]);
  });

  it('commits what is queued when flushed before the connection closes', async () => {
    const db = open();
    const queue = createWriteQueue(db);
    const written = queue.write(() => db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run('x', 1));
    queue.flush();
    expect(db.prepare('SELECT n FROM t WHERE id = ?').pluck().get('x')).toBe(1);
    await written;
  });

  it('on a WAL file, resolves a durable write only after a sync of the WAL begun after its commit (syncs asked for meanwhile share the next)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-wq-'));
    const file = new Database(join(dir, 'w.db'));
    try {
      file.pragma('journal_mode = WAL');
      file.pragma('synchronous = NORMAL');
      file.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
      const syncs: Array<(error: Error | null) => void> = [];
      const queue = createWriteQueue(file, {
        sync: (fd, done) => {
          expect(fstatSync(fd).size).toBeGreaterThan(0);
          syncs.push(done);
        },
      });
      const insert = file.prepare('INSERT INTO t (id, n) VALUES (?, 1)');
      const level = (): number => file.pragma('synchronous', { simple: true }) as number;
      const settled: string[] = [];
      const durable = queue
        .write(
          () => {
            insert.run('e1');
            return level();
          },
          { durable: true },
        )
        .then((l) => {
          settled.push('e1');
          return l;
        });
      const plain = queue.write(() => insert.run('p1')).then(() => settled.push('p1'));
      await plain;
      expect(settled).toEqual(['p1']); // committed, not waiting for the sync
      expect(file.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2);
      expect(syncs).toHaveLength(1);
      // Two more durable batches while the first sync runs: they wait for one next sync.
      const later = [
        queue.write(() => insert.run('e2'), { durable: true }),
        new Promise((r) => setImmediate(r)).then(() => queue.write(() => insert.run('e3'), { durable: true })),
      ];
      await new Promise((r) => setTimeout(r, 20));
      expect(syncs).toHaveLength(1);
      syncs[0](null);
      expect(await durable).toBe(1); // committed at NORMAL: the sync is the WAL file's, off the main thread
      await new Promise((r) => setTimeout(r, 5));
      expect(syncs).toHaveLength(2);
      syncs[1](new Error('EIO'));
      expect((await Promise.allSettled(later)).map((r) => r.status)).toEqual(['rejected', 'rejected']);
      queue.close();
    } finally {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits a batch holding a durable write at synchronous=FULL (no WAL file: in memory), and goes back to NORMAL after', async () => {
    const db = open();
    db.pragma('synchronous = NORMAL');
    const queue = createWriteQueue(db);
    const level = (): number => db.pragma('synchronous', { simple: true }) as number;
    const insert = db.prepare('INSERT INTO t (id, n) VALUES (?, 1)');
    const seen = await Promise.all([
      queue.write(() => {
        insert.run('plain');
        return level();
      }),
      queue.write(
        () => {
          insert.run('event');
          return level();
        },
        { durable: true },
      ),
    ]);
    expect(seen).toEqual([2, 2]); // FULL for the whole batch the durable write is in
    expect(level()).toBe(1);
    expect(await queue.write(() => level())).toBe(1); // NORMAL again for batches without one
    // A failing write in a durable batch: the others still commit (alone, still at FULL), the level is restored.
    const results = await Promise.allSettled([
      queue.write(
        () => {
          insert.run('event');
          return level();
        },
        { durable: true },
      ),
      queue.write(() => {
        insert.run('another');
        return level();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[1] as PromiseFulfilledResult<number>).value).toBe(2);
    expect(level()).toBe(1);
  });
});
