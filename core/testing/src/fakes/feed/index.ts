/** The fake feed app (a polling-only API). */
export { createFakeFeed, type FakeFeed, type FeedItem, type FeedRequest, type FeedFailure } from './fake-feed.ts';
