import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types.ts';
import { mergeRun } from './run-list.ts';

const run = (id: string, createdAt: string, status: Run['status'] = 'running'): Run => ({
  id,
  workflowId: 'wf',
  version: 1,
  status,
  event: { key: 'k', id: 'e', type: 't' },
  replays: 0,
  createdAt,
  updatedAt: createdAt,
});

describe('mergeRun', () => {
  const list = [run('c', '2026-01-03'), run('a', '2026-01-01')];

  it('puts a new run in its place, newest first, and replaces a known one', () => {
    expect(mergeRun(list, run('b', '2026-01-02'), { limit: 50 }).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(mergeRun(list, run('d', '2026-01-04'), { limit: 50 }).map((r) => r.id)).toEqual(['d', 'c', 'a']);
    const done = mergeRun(list, run('a', '2026-01-01', 'succeeded'), { limit: 50 });
    expect(done.map((r) => [r.id, r.status])).toEqual([
      ['c', 'running'],
      ['a', 'succeeded'],
    ]);
  });

  it('drops a run that leaves the status filtered by, and keeps the page size', () => {
    expect(
      mergeRun(list, run('c', '2026-01-03', 'succeeded'), { status: 'running', limit: 50 }).map((r) => r.id),
    ).toEqual(['a']);
    expect(mergeRun(list, run('d', '2026-01-04'), { limit: 2 }).map((r) => r.id)).toEqual(['d', 'c']);
    expect(mergeRun(list, run('z', '2025-12-31'), { limit: 2 }).map((r) => r.id)).toEqual(['c', 'a']);
  });

  it('adds only runs of the kind the list shows (test or real)', () => {
    const test = { ...run('t', '2026-01-05'), test: true };
    expect(mergeRun(list, test, { test: false, limit: 50 }).map((r) => r.id)).toEqual(['c', 'a']);
    expect(mergeRun(list, test, { test: true, limit: 50 }).map((r) => r.id)).toEqual(['t', 'c', 'a']);
    expect(mergeRun([test], run('r', '2026-01-06'), { test: true, limit: 50 }).map((r) => r.id)).toEqual(['t']);
    expect(mergeRun(list, test, { limit: 50 }).map((r) => r.id)).toEqual(['t', 'c', 'a']);
  });
});
