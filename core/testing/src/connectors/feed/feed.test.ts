import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, RateLimitedError, UpstreamError, type ConnectorContext } from '@wireup/sdk';
import { createHttpClient } from '@wireup/runtime';
import { createFakeFeed, type FakeFeed } from '../../fakes/feed/index.ts';
import { feedConnector } from './index.ts';

describe('feed connector against the fake feed app', () => {
  let feed: FakeFeed;
  let ctx: ConnectorContext;
  const poll = (cursor: string | null) => feedConnector.triggers.get('new-item')!.poll!({ ...ctx, cursor });
  beforeEach(async () => {
    feed = await createFakeFeed();
    ctx = { auth: { apiKey: feed.apiKey, baseUrl: feed.url }, http: createHttpClient({ allowPrivate: true }) };
  });
  afterEach(() => feed.close());

  it('pages through the items after the cursor, oldest first', async () => {
    for (let i = 0; i < 60; i++) feed.add();
    const first = await poll(null);
    expect([first.items.length, first.cursor, first.hasMore, first.items[0]]).toEqual([
      50,
      '50',
      true,
      { id: 'item_1', payload: feed.items[0] },
    ]);
    const second = await poll(first.cursor);
    expect([second.items.map((i) => i.id), second.cursor, second.hasMore]).toEqual([
      feed.items.slice(50).map((i) => i.id),
      '60',
      false,
    ]);
    expect(await poll(second.cursor)).toEqual({ items: [], cursor: '60', hasMore: false });
  });

  it('returns the last item again when pages overlap', async () => {
    feed.setOverlap(true);
    feed.add();
    const { cursor } = await poll(null);
    expect((await poll(cursor)).items.map((i) => i.id)).toEqual(['item_1']);
  });

  it('maps refusals: 401 to AuthenticationError, 429 to RateLimitedError with Retry-After, 5xx to a retriable UpstreamError', async () => {
    feed.failNext(1, { status: 429, headers: { 'retry-after': '7' } });
    await expect(poll(null)).rejects.toSatisfy((e) => e instanceof RateLimitedError && e.retryAfterMs === 7000);
    feed.failNext(1, { status: 503 });
    await expect(poll(null)).rejects.toSatisfy((e) => e instanceof UpstreamError && e.retriable);
    ctx = { ...ctx, auth: { ...ctx.auth, apiKey: 'wrong' } };
    await expect(poll(null)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('marks an item read, and refuses an unknown one without retrying', async () => {
    const item = feed.add();
    const markRead = feedConnector.actions.get('mark-read')!;
    expect(await markRead.run({ ...ctx, input: { id: item.id, note: 'ok' }, idempotencyKey: 'k' })).toEqual({
      id: item.id,
      read: true,
      note: 'ok',
    });
    await expect(markRead.run({ ...ctx, input: { id: 'nope' }, idempotencyKey: 'k' })).rejects.toSatisfy(
      (e) => e instanceof UpstreamError && !e.retriable,
    );
    expect(feed.reads).toEqual([{ id: item.id, note: 'ok' }]);
  });
});
