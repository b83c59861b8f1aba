import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedError, UpstreamError } from '@wireup/sdk';
import { createFeedHarness, FEED_CONNECTION, POLL_INTERVAL_MS, type FeedHarness } from './testing/feed-harness.ts';
import { backoffDelay } from './poller.ts';

const STATE_KEY = `poll-cursor:${FEED_CONNECTION}:feed.new-item`;
const TARGET = { connectionId: FEED_CONNECTION, connector: 'feed', trigger: 'new-item' };

describe('polling triggers (fake feed app over HTTP)', () => {
  let h: FeedHarness;
  beforeEach(async () => {
    h = await createFeedHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('records what exists on the first poll, paging to the end, and fires nothing', async () => {
    for (let i = 0; i < 120; i++) h.feed.add();
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(2);
    expect(e.heard.reports.filter((r) => r.phase === 'baseline')).toEqual([
      expect.objectContaining({ ...TARGET, pages: 3, items: 120, accepted: 120, duplicates: 0 }),
    ]);
    expect(await h.runs()).toEqual([]);
    expect(h.feed.reads).toEqual([]);
    expect(await h.store.events.listUnrouted(1000)).toEqual([]);
    expect(await h.store.kv.get(STATE_KEY)).toMatchObject({ cursor: '120', phase: 'live' });
  });

  it('fires one run for a new item, with the item readable as {{trigger.*}}', async () => {
    h.feed.add({ title: 'Already there' });
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(1);
    const item = h.feed.add({ title: 'Hello' });
    const run = await h.finishedRun(item.id);
    expect(run.status).toBe('succeeded');
    expect(run.event).toMatchObject({ id: item.id, type: 'feed.new-item' });
    expect(run.steps[0]).toMatchObject({
      status: 'succeeded',
      input: { id: item.id, note: 'Seen: Hello' },
      output: { id: item.id, read: true, note: 'Seen: Hello' },
    });
    await e.livePolls(3);
    expect(await h.runs()).toHaveLength(1);
    expect(h.feed.reads).toEqual([{ id: item.id, note: 'Seen: Hello' }]);
  });

  it('fires every item of a backlog longer than a page exactly once', async () => {
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(1);
    const added = Array.from({ length: 120 }, (_, i) => h.feed.add({ title: `Batch ${i}` }));
    await vi.waitFor(
      () => {
        if (h.feed.reads.length < added.length) throw new Error(`${h.feed.reads.length} read`);
      },
      { timeout: 20_000, interval: 10 },
    );
    await e.livePolls(2);
    expect(h.feed.reads.map((r) => r.id).sort()).toEqual(added.map((i) => i.id).sort());
    expect(await h.runs()).toHaveLength(120);
  });

  it('does not fire again for an item that a later poll returns again', async () => {
    h.feed.setOverlap(true);
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(1);
    const item = h.feed.add({ title: 'Once' });
    await h.finishedRun(item.id);
    await e.livePolls(3);
    // With overlapping pages every poll returns the last item again.
    expect(e.heard.reports.slice(-3).map((r) => r.duplicates)).toEqual([1, 1, 1]);
    expect(await h.runs()).toHaveLength(1);
    expect(h.feed.reads).toEqual([{ id: item.id, note: 'Seen: Once' }]);
  });

  it('keeps the cursor across a restart: nothing fires twice, and an item added while stopped fires once', async () => {
    const first = await h.startEngine();
    await h.publish();
    await first.livePolls(1);
    const a = h.feed.add({ title: 'A' });
    await h.finishedRun(a.id);
    await first.stop();
    expect(first.heard.stopped).toEqual([{ target: TARGET, reason: 'stopping' }]);
    const b = h.feed.add({ title: 'B' });
    const second = await h.startEngine();
    await h.finishedRun(b.id);
    await second.livePolls(2);
    expect(second.heard.reports.every((r) => r.phase === 'live')).toBe(true);
    expect((await h.runs()).map((r) => r.event.id).sort()).toEqual([a.id, b.id]);
    expect(h.feed.reads.map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('keeps the cursor while polls fail (500, then 401), reports each failure, and fires the item once a poll succeeds', async () => {
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(1);
    const { cursor } = (await h.store.kv.get<{ cursor: string }>(STATE_KEY))!;
    h.feed.failNext(1, { status: 500 });
    h.feed.failNext(1, { status: 401 });
    const item = h.feed.add({ title: 'After the outage' });
    expect((await h.finishedRun(item.id)).status).toBe('succeeded');
    const polls = h.feed.requests.filter((r) => r.method === 'GET');
    const firstFailure = polls.findIndex((r) => r.status !== 200);
    expect(polls.slice(firstFailure, firstFailure + 3).map((r) => [r.status, r.query.since])).toEqual([
      [500, cursor],
      [401, cursor],
      [200, cursor],
    ]);
    expect(
      e.heard.errors.map((x) => [
        x.message.replace(/next poll in \d+ ms/, 'next poll in … ms'),
        (x.error as { code?: string }).code,
      ]),
    ).toEqual([
      [
        `Polling ${FEED_CONNECTION}:feed.new-item failed (retriable, 1 in a row); the cursor was kept, next poll in … ms.`,
        'UPSTREAM_ERROR',
      ],
      [
        `Polling ${FEED_CONNECTION}:feed.new-item failed (not retriable, 2 in a row); the cursor was kept, next poll in … ms.`,
        'AUTHENTICATION_FAILED',
      ],
    ]);
    await e.livePolls(2);
    expect(await h.runs()).toHaveLength(1);
  });

  it('stops polling when the workflow is unpublished, and starts from a new baseline when it is published again', async () => {
    const e = await h.startEngine();
    await h.publish();
    await e.livePolls(1);
    await h.store.workflows.unpublish('wf_feed');
    await vi.waitFor(() => expect(e.heard.stopped).toEqual([{ target: TARGET, reason: 'unpublished' }]), {
      timeout: 10_000,
    });
    const requests = h.feed.requests.length;
    const missed = h.feed.add({ title: 'While unpublished' });
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 10));
    expect(h.feed.requests.length).toBe(requests);
    expect(await h.store.kv.get(STATE_KEY)).toBeNull();

    await h.publish();
    await e.livePolls(1);
    expect(e.heard.reports.filter((r) => r.phase === 'baseline')).toHaveLength(2);
    const next = h.feed.add({ title: 'After publishing again' });
    await h.finishedRun(next.id);
    expect((await h.runs()).map((r) => r.event.id)).toEqual([next.id]);
    expect(h.feed.reads.map((r) => r.id)).not.toContain(missed.id);
  });
});

describe('backoffDelay', () => {
  it('doubles the interval per failure in a row, up to the cap', () => {
    const error = new UpstreamError('down', 503);
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(10_000, n, 60_000, error))).toEqual([
      10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });

  it('never waits less than the interval, and honours a longer Retry-After up to the cap', () => {
    expect(backoffDelay(120_000, 3, 60_000, new Error('x'))).toBe(120_000);
    expect(backoffDelay(10_000, 1, 3_600_000, new RateLimitedError('slow down', 90_000))).toBe(90_000);
    expect(backoffDelay(10_000, 1, 60_000, new RateLimitedError('slow down', 900_000))).toBe(60_000);
  });
});
