/**
 * `feed`: a test connector for a polling-only app (the fake feed in ../../fakes/feed). It is
 * exported by @wireup/testing for tests and never installed in the product.
 */
import { defineConnector, type Connector } from '@wireup/sdk';
import { newItem } from './triggers/new-item.ts';
import { markRead } from './actions/mark-read.ts';

/** The feed connector: polling trigger `new-item`, action `mark-read`. Auth `{apiKey, baseUrl}`. */
export const feedConnector: Connector = defineConnector({
  name: 'feed',
  version: '0.1.0',
  displayName: 'Feed',
  description: 'A polling-only test app: items appear in a feed.',
  categories: ['testing'],
  sdk: '^0.1.0',
  auth: {
    kind: 'api-key',
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, required: true },
      { key: 'baseUrl', label: 'Base URL', secret: false, required: true },
    ],
  },
  triggers: [newItem],
  actions: [markRead],
});
